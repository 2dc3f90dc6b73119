package io.relevo.example.alojamientos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The packaged jar as relevo's process runtime runs it: a real OS process configured by env. */
class JarProcessIT {
  private static final Path JAR = Path.of("target", "alojamientos.jar");

  private static Process launch(Map<String, String> env) throws IOException {
    assertThat(JAR).as("built by mvn package before failsafe runs").exists();
    String java = ProcessHandle.current().info().command().orElseThrow();
    ProcessBuilder builder = new ProcessBuilder(java, "-jar", JAR.toString());
    builder
        .environment()
        .keySet()
        .removeIf(
            k -> k.startsWith("ALOJ_") || k.equals("APP_VERSION") || k.equals("RELEVO_VERSION"));
    builder.environment().putAll(env);
    return builder.start();
  }

  @Test
  void aCrashVersionExits1AtOnceAndSaysWhy() throws Exception {
    Process process = launch(Map.of("RELEVO_VERSION", "v3-crash", "PORT", "0"));

    assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("exited").isTrue();
    assertThat(process.exitValue()).isEqualTo(1);
    assertThat(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
        .contains("alojamientos v3-crash: cannot start")
        .contains("set to fail at start");
  }

  /** Reads the startup line and returns the port it names. */
  private static int startupPort(Process process, String expectedPrefix) throws IOException {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    Matcher m =
        Pattern.compile(Pattern.quote(expectedPrefix) + "127\\.0\\.0\\.1:(\\d+) \\(latency .*")
            .matcher(String.valueOf(line));
    assertThat(m.matches()).as("startup line: %s", line).isTrue();
    return Integer.parseInt(m.group(1));
  }

  @Test
  void aGoodVersionPrintsItsStartupLineServesAndStopsOnSigterm() throws Exception {
    Process process = launch(Map.of("RELEVO_VERSION", "v3", "PORT", "0"));
    try {
      TestClient client = new TestClient(startupPort(process, "alojamientos v3 listening on "));
      assertThat(client.get("/api/v1/healthz").statusCode()).isEqualTo(200);

      process.destroy(); // SIGTERM
      assertThat(process.waitFor(10, TimeUnit.SECONDS))
          .as("stopped within the grace period")
          .isTrue();
      assertThat(process.exitValue()).isEqualTo(143);
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void aRequestInFlightAtSigtermStillGetsItsAnswer() throws Exception {
    Process process = launch(Map.of("RELEVO_VERSION", "v4", "PORT", "0", "ALOJ_LATENCY_MS", "800"));
    try {
      TestClient client = new TestClient(startupPort(process, "alojamientos v4 listening on "));
      CompletableFuture<Integer> inFlight =
          CompletableFuture.supplyAsync(() -> client.get("/api/v1/accommodations").statusCode());
      Thread.sleep(300); // the request is now inside its 800 ms of staged latency

      process.destroy(); // SIGTERM

      assertThat(inFlight.get(5, TimeUnit.SECONDS)).isEqualTo(200);
      assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void aBadSettingExits2NamingTheVariable() throws Exception {
    Process process = launch(Map.of("ALOJ_ERROR_RATIO", "lots", "PORT", "0"));

    assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
        .contains("ALOJ_ERROR_RATIO: 'lots'");
  }
}
