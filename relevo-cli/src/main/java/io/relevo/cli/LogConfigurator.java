package io.relevo.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * relevo's log lines until a command sets its own ({@code relevo agent --log-format}): one line
 * each on stderr, {@code 05:31:02.114 [INFO] Agent - agent up: …}, INFO and above, Netty's and
 * Flyway's WARN and above. Set up in code through logback's {@link Configurator} service (listed in
 * {@code META-INF/services}) instead of a {@code logback.xml}, which logback would read with its
 * XML configurator at every start. A {@code -Dlogback.configurationFile} of your own still wins.
 */
public final class LogConfigurator extends ContextAwareBase implements Configurator {

  /** The text line's layout, shared with {@link LogFormat#TEXT}. */
  static final String TEXT_PATTERN = "%d{HH:mm:ss.SSS} [%level] %logger{0} - %msg%n";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty(ContextInitializer.CONFIG_FILE_PROPERTY) != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(TEXT_PATTERN);
    encoder.start();
    ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setContext(context);
    appender.setName("STDERR");
    appender.setTarget("System.err");
    appender.setEncoder(encoder);
    appender.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(appender);
    quiet(context);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** Libraries whose INFO lines are noise to relevo's users. */
  static void quiet(LoggerContext context) {
    context.getLogger("io.netty").setLevel(Level.WARN);
    context.getLogger("org.flywaydb").setLevel(Level.WARN);
  }
}
