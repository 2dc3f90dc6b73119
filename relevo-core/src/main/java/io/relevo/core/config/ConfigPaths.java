package io.relevo.core.config;

/** Builds the dotted paths that problems name: {@code health.readiness.path}, {@code smoke[2]}. */
final class ConfigPaths {

  private ConfigPaths() {}

  static String key(String parent, String key) {
    return parent.isEmpty() ? key : parent + "." + key;
  }

  static String index(String parent, int index) {
    return parent + "[" + index + "]";
  }
}
