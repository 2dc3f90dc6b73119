package io.relevo.server;

import io.relevo.core.config.AppConfig;

/**
 * Turns the text of a {@code relevo.yml} into a validated config. The agent uses the core's loader
 * with its own environment; tests pass a parser of their own.
 */
@FunctionalInterface
public interface ConfigParser {

  /**
   * @param fileName the file's path, for messages
   * @param text the file's text
   * @throws io.relevo.core.RelevoException BAD_INPUT listing every problem of the config
   */
  AppConfig parse(String fileName, String text);
}
