package io.relevo.server;

import io.relevo.core.RelevoException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the API answers for a path it does not serve: which version, or which paths, it has. */
final class ApiPaths {

  /** The one version of the API this agent serves. */
  static final String VERSION = "v1";

  private static final Pattern OTHER_VERSION = Pattern.compile("^/api/([^/]+)(/.*)?$");

  private ApiPaths() {}

  /** NOT_FOUND for {@code path}, naming the supported version when another was asked for. */
  static RelevoException notFound(String method, String path) {
    Matcher version = OTHER_VERSION.matcher(path);
    if (version.matches() && !version.group(1).equals(VERSION)) {
      return new RelevoException(
          RelevoException.Kind.NOT_FOUND,
          "API version \""
              + version.group(1)
              + "\" at "
              + method
              + " "
              + path
              + " (expected: /api/"
              + VERSION
              + ", the version this agent serves)");
    }
    return new RelevoException(
        RelevoException.Kind.NOT_FOUND,
        "no API at " + method + " " + path + " (expected: a path under /api/" + VERSION + "/apps)");
  }
}
