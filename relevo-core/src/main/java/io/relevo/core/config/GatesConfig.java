package io.relevo.core.config;

import java.util.List;

/**
 * {@code gates}: what must hold before a deploy starts. An absent gate passes.
 *
 * @param secrets the secrets to check, in file order; empty = no secrets gate
 * @param window when deploys may start; null = any time
 */
public record GatesConfig(List<SecretRule> secrets, DeployWindow window) {

  public GatesConfig {
    secrets = secrets == null ? List.of() : List.copyOf(secrets);
  }

  /** No gates. */
  public static GatesConfig none() {
    return new GatesConfig(null, null);
  }
}
