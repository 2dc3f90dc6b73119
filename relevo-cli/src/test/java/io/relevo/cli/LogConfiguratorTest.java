package io.relevo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The log lines every command starts with, set up without logback's XML configurator. */
class LogConfiguratorTest {

  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final PrintStream originalErr = System.err;
  private final LoggerContext context = new LoggerContext();

  {
    context.setMDCAdapter(new LogbackMDCAdapter()); // as logback's SLF4J provider does
    context.start();
  }

  @BeforeEach
  void captureStderr() {
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreStderr() {
    System.setErr(originalErr);
    context.stop();
  }

  @Test
  void logbackFindsItAsAService() {
    assertThat(ServiceLoader.load(Configurator.class).stream())
        .extracting(provider -> provider.type().getName())
        .contains(LogConfigurator.class.getName());
  }

  @Test
  void linesGoToStderrAsOneShortLineEachAndLibrariesOnlyWarn() {
    LogConfigurator configurator = new LogConfigurator();
    configurator.setContext(context);

    assertThat(configurator.configure(context))
        .isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
    context.getLogger("io.relevo.server.Agent").info("agent up");
    context.getLogger("io.relevo.server.Agent").debug("not shown");
    context.getLogger("io.netty.channel.Channel").info("not shown either");
    context.getLogger("org.flywaydb.core.Flyway").warn("schema warning");

    assertThat(err.toString(StandardCharsets.UTF_8))
        .as(context.getStatusManager().getCopyOfStatusList().toString())
        .matches(
            "\\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\[INFO\\] Agent - agent up\\n"
                + "\\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\[WARN\\] Flyway - schema warning\\n");
  }
}
