package io.relevo.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.io.OutputStream;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * {@code relevo agent --log-format text|json}: one line per event on stderr, as text ({@code
 * 05:31:02.114 [INFO] Agent - agent up: …}) or as JSON (logback's {@link JsonEncoder}: level,
 * logger, formattedMessage, and under {@code mdc} the {@code app}, {@code revision} and {@code
 * rollout} the line belongs to). Core's {@code java.util.logging} lines are routed to the same
 * place.
 */
enum LogFormat {
  TEXT,
  JSON;

  /** Sends every log line to {@code out} in this format. */
  void install(OutputStream out) {
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.INFO);
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    Encoder<ILoggingEvent> encoder = encoder(context);
    OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
    appender.setContext(context);
    appender.setName("relevo");
    appender.setEncoder(encoder);
    appender.setOutputStream(out);
    appender.setImmediateFlush(true);
    appender.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(appender);
    LogConfigurator.quiet(context);
  }

  private Encoder<ILoggingEvent> encoder(LoggerContext context) {
    if (this == JSON) {
      JsonEncoder json = new JsonEncoder();
      json.setContext(context);
      json.setWithSequenceNumber(false);
      json.setWithNanoseconds(false);
      json.setWithContext(false);
      // the message as people read it, not the pattern and its arguments apart
      json.setWithMessage(false);
      json.setWithArguments(false);
      json.setWithFormattedMessage(true);
      json.start();
      return json;
    }
    PatternLayoutEncoder text = new PatternLayoutEncoder();
    text.setContext(context);
    text.setPattern(LogConfigurator.TEXT_PATTERN);
    text.start();
    return text;
  }
}
