package io.relevo.core.config;

/**
 * Where a config came from: the file name used in messages, and its raw text (after {@code ${VAR}}
 * interpolation), which the agent stores with each revision.
 */
public record ConfigSource(String fileName, String text) {

  public static ConfigSource inline(String text) {
    return new ConfigSource("<inline>", text);
  }
}
