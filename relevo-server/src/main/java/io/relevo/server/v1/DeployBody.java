package io.relevo.server.v1;

/**
 * The body of {@code POST /api/v1/apps/{app}/deploy}. The agent parses {@code configText} itself
 * (interpolating its own environment) and resolves relative paths against the folder of {@code
 * configFile}, so the file must be readable where the agent runs: both run on the same host.
 *
 * @param configFile absolute path of the config file, for messages and relative paths
 * @param configText the file's text as the CLI read it
 * @param version the version label to ship
 * @param actor who asks
 * @param reason why; may be empty, but not with {@code force}
 * @param force deploy although the previous release is in its watch after promotion; absent = false
 * @param overrides the gates to let through if they fail, like {@code ["window"]}; needs a reason
 * @param allowDestructive apply a migration its lint refuses; needs a reason; absent = false
 */
public record DeployBody(
    String configFile,
    String configText,
    String version,
    String actor,
    String reason,
    boolean force,
    java.util.List<String> overrides,
    boolean allowDestructive) {

  /** A deploy that overrides no gate and applies no migration the lint refuses. */
  public DeployBody(
      String configFile,
      String configText,
      String version,
      String actor,
      String reason,
      boolean force) {
    this(configFile, configText, version, actor, reason, force, null, false);
  }

  /** A deploy that does not force its way past a watch. */
  public DeployBody(
      String configFile, String configText, String version, String actor, String reason) {
    this(configFile, configText, version, actor, reason, false);
  }
}
