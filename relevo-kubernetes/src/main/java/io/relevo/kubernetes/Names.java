package io.relevo.kubernetes;

import java.util.Locale;
import java.util.Map;

/**
 * The names, labels and annotations relevo gives what it creates, so that a restarted agent (or a
 * person with kubectl) finds every revision and its rollout step from the cluster alone.
 */
final class Names {

  static final String APP = "relevo.io/app";
  static final String REVISION = "relevo.io/revision";
  static final String VERSION = "relevo.io/version";
  static final String MANAGED_BY = "app.kubernetes.io/managed-by";

  /** The share of traffic the revision was last given, in percent. */
  static final String WEIGHT = "relevo.io/weight";

  /** What the last routing change was, like {@code canary 10%} or {@code stable}. */
  static final String STEP = "relevo.io/step";

  /** The replicas the revision runs with all traffic; the replica fallback scales from it. */
  static final String FULL_REPLICAS = "relevo.io/full-replicas";

  /** The header a request sets to reach one revision whatever the weights: its number. */
  static final String OVERRIDE_HEADER = "X-Relevo-Revision";

  private Names() {}

  /** {@code relevo-APP-rN}: a Deployment and its Service share it. */
  static String revision(String app, int revision) {
    String name = "relevo-" + app.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    return trim(name, 63 - ("-r" + revision).length()) + "-r" + revision;
  }

  /** The Service of the replica fallback, selecting every revision of the app. */
  static String appService(String app) {
    return trim("relevo-" + app.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-"), 63);
  }

  static Map<String, String> selector(String app, int revision) {
    return Map.of(APP, app, REVISION, Integer.toString(revision));
  }

  static Map<String, String> labels(String app, int revision, String version) {
    return Map.of(
        APP,
        app,
        REVISION,
        Integer.toString(revision),
        VERSION,
        labelValue(version),
        MANAGED_BY,
        "relevo");
  }

  /** A label value holds 63 of [A-Za-z0-9_.-], starting and ending alphanumeric. */
  static String labelValue(String text) {
    String value = text.replaceAll("[^A-Za-z0-9_.-]", "_");
    value = trim(value, 63).replaceAll("^[^A-Za-z0-9]+|[^A-Za-z0-9]+$", "");
    return value.isEmpty() ? "unknown" : value;
  }

  private static String trim(String name, int max) {
    String trimmed = name.length() > max ? name.substring(0, max) : name;
    return trimmed.replaceAll("-+$", "");
  }
}
