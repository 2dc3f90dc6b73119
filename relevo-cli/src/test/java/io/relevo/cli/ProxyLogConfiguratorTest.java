package io.relevo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.core.ConsoleAppender;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class ProxyLogConfiguratorTest {

  @Test
  void logbackFindsItAsAService() {
    assertThat(ServiceLoader.load(ch.qos.logback.classic.spi.Configurator.class).stream())
        .anyMatch(provider -> provider.type() == ProxyLogConfigurator.class);
  }

  @Test
  void withoutThePropertyLogbackGoesOnToLogbackXml() {
    LoggerContext context = new LoggerContext();
    assertThat(System.getProperty(ProxyLogConfigurator.PROPERTY)).isNull();
    assertThat(new ProxyLogConfigurator().configure(context))
        .isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
    assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext())
        .isFalse();
  }

  @Test
  void withItTheProxyProcessLogsTheLinesOfLogbackXmlOnStderr() {
    LoggerContext context = new LoggerContext();
    System.setProperty(ProxyLogConfigurator.PROPERTY, "true");
    try {
      assertThat(new ProxyLogConfigurator().configure(context))
          .isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
    } finally {
      System.clearProperty(ProxyLogConfigurator.PROPERTY);
    }
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    assertThat(root.getLevel()).isEqualTo(Level.INFO);
    assertThat(context.getLogger("io.netty").getLevel()).isEqualTo(Level.WARN);
    ConsoleAppender<?> appender = (ConsoleAppender<?>) root.getAppender("STDERR");
    assertThat(appender.getTarget()).isEqualTo("System.err");
    assertThat(appender.isStarted()).isTrue();
    assertThat(((PatternLayoutEncoder) appender.getEncoder()).getPattern())
        .isEqualTo("%d{HH:mm:ss.SSS} [%level] %logger{0} - %msg%n");
  }
}
