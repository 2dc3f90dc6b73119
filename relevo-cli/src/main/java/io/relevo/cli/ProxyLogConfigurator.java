package io.relevo.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The proxy process's log set-up, in code: the same lines as {@code logback.xml} ({@code
 * 05:31:02.114 [INFO] ProxyDaemon - relevo proxy up: …} on stderr, Netty at WARN), without
 * logback's XML configuration, whose parser and Joran classes (about 650 of them) cost the proxy
 * process 4 MiB of its idle RSS (docs/PROXY-PERFORMANCE.md, "Idle memory"). Acts only when the JVM
 * runs with {@code -D}{@value #PROPERTY}{@code =true}, as {@code ProxyJvm.OPTIONS} starts the proxy
 * process; every other relevo process reads {@code logback.xml} as before. Found by logback through
 * {@code META-INF/services}.
 */
public final class ProxyLogConfigurator extends ContextAwareBase implements Configurator {

  /** The system property that selects this set-up; {@code ProxyJvm.OPTIONS} sets it. */
  public static final String PROPERTY = "relevo.proxy.plainLog";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (!Boolean.getBoolean(PROPERTY)) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%d{HH:mm:ss.SSS} [%level] %logger{0} - %msg%n");
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
    context.getLogger("io.netty").setLevel(Level.WARN);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
