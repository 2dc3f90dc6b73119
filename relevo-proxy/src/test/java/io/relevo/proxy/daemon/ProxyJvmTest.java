package io.relevo.proxy.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProxyJvmTest {

  @Test
  void thisJavaStartsWithEveryOptionOfTheProxyProcess() throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(ProxyJvm.OPTIONS);
    command.add("-version");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(ProxyJvm.ENVIRONMENT);
    Process java = builder.start();
    String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(java.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(java.exitValue()).as(output).isZero();
  }

  @Test
  void theUnsafeAccessOptionIsLeftOutForJavasThatDoNotKnowIt() {
    assertThat(ProxyJvm.options(21)).doesNotContain("--sun-misc-unsafe-memory-access=allow");
    assertThat(ProxyJvm.options(22)).doesNotContain("--sun-misc-unsafe-memory-access=allow");
    assertThat(ProxyJvm.options(23)).contains("--sun-misc-unsafe-memory-access=allow");
    assertThat(ProxyJvm.options(25))
        .contains("-XX:+UseSerialGC", "-Xmx64m", "-Dio.netty.leakDetection.level=disabled");
    assertThat(ProxyJvm.options(21)).doesNotContain("-XX:TrimNativeHeapInterval=1000");
    assertThat(ProxyJvm.options(25)).contains("-XX:TrimNativeHeapInterval=1000");
    assertThat(ProxyJvm.options(24)).doesNotContain("-XX:+UseCompactObjectHeaders");
    assertThat(ProxyJvm.options(25)).contains("-XX:+UseCompactObjectHeaders");
  }
}
