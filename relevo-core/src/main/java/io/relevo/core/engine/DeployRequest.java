package io.relevo.core.engine;

import io.relevo.core.config.AppConfig;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;

/**
 * A request to ship a version.
 *
 * @param config the app's validated config
 * @param baseDir the folder relative paths in the config resolve against
 * @param version the version label, substituted for {@code {version}}
 * @param actor who asks
 * @param reason why, may be empty; required with {@code force}
 * @param force deploy although the previous release is still in its watch after promotion (the
 *     watch ends, and history records who forced it and why)
 * @param overrides the gates to let through if they fail, by name ({@code window}); needs a reason,
 *     which history records with the actor
 * @param allowDestructive apply a migration although its lint found errors (destructive
 *     statements); needs a reason, recorded in history
 */
public record DeployRequest(
    AppConfig config,
    Path baseDir,
    String version,
    String actor,
    String reason,
    boolean force,
    Set<String> overrides,
    boolean allowDestructive) {

  /** A deploy that overrides no gate and applies no migration the lint refuses. */
  public DeployRequest(
      AppConfig config, Path baseDir, String version, String actor, String reason, boolean force) {
    this(config, baseDir, version, actor, reason, force, null, false);
  }

  /** A deploy that applies no migration the lint refuses. */
  public DeployRequest(
      AppConfig config,
      Path baseDir,
      String version,
      String actor,
      String reason,
      boolean force,
      Set<String> overrides) {
    this(config, baseDir, version, actor, reason, force, overrides, false);
  }

  /** A deploy that does not force its way past a watch. */
  public DeployRequest(
      AppConfig config, Path baseDir, String version, String actor, String reason) {
    this(config, baseDir, version, actor, reason, false);
  }

  public DeployRequest {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(baseDir, "baseDir");
    if (version == null || version.isBlank() || !version.matches("[A-Za-z0-9._+-]{1,128}")) {
      throw new io.relevo.core.RelevoException(
          io.relevo.core.RelevoException.Kind.BAD_INPUT,
          "version: \"" + version + "\" (expected: 1-128 letters, digits, '.', '_', '+' or '-')");
    }
    actor = actor == null || actor.isBlank() ? "unknown" : actor;
    reason = reason == null ? "" : reason;
    if (force && reason.isBlank()) {
      throw new io.relevo.core.RelevoException(
          io.relevo.core.RelevoException.Kind.BAD_INPUT,
          "--force needs a reason (expected: --force --reason \"why the watch may end early\")");
    }
    overrides = overrides == null ? Set.of() : Set.copyOf(overrides);
    if (!overrides.isEmpty() && reason.isBlank()) {
      throw new io.relevo.core.RelevoException(
          io.relevo.core.RelevoException.Kind.BAD_INPUT,
          "--override-"
              + overrides.iterator().next()
              + " needs a reason (expected: --reason \"why this deploy may pass\"; history keeps"
              + " it with your name)");
    }
    if (allowDestructive && reason.isBlank()) {
      throw new io.relevo.core.RelevoException(
          io.relevo.core.RelevoException.Kind.BAD_INPUT,
          "--allow-destructive needs a reason (expected: --allow-destructive --reason \"why this"
              + " migration may drop or rewrite data\")");
    }
  }
}
