package io.relevo.core.config;

/**
 * Where a config came from: the file name used in messages, and its raw text, which the agent
 * stores with each revision. The text is the original, before {@code ${VAR}} interpolation, so that
 * secrets passed through the environment are not copied into the history; re-reading it needs the
 * same environment.
 */
public record ConfigSource(String fileName, String text) {

  public static ConfigSource inline(String text) {
    return new ConfigSource("<inline>", text);
  }
}
