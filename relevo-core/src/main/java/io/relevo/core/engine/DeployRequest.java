package io.relevo.core.engine;

import io.relevo.core.config.AppConfig;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A request to ship a version.
 *
 * @param config the app's validated config
 * @param baseDir the folder relative paths in the config resolve against
 * @param version the version label, substituted for {@code {version}}
 * @param actor who asks
 * @param reason why, may be empty
 */
public record DeployRequest(
    AppConfig config, Path baseDir, String version, String actor, String reason) {

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
  }
}
