package io.relevo.core.config;

import java.util.List;
import java.util.Map;

/**
 * {@code gates}: what must hold before a deploy starts. An absent gate passes.
 *
 * @param secrets the secrets to check, in file order; empty = no secrets gate
 * @param window when deploys may start; null = any time
 * @param approvals approval policies by environment name; a deploy to an environment without one
 *     needs no approval
 */
public record GatesConfig(
    List<SecretRule> secrets, DeployWindow window, Map<String, ApprovalPolicy> approvals) {

  public GatesConfig {
    secrets = secrets == null ? List.of() : List.copyOf(secrets);
    approvals = approvals == null ? Map.of() : Map.copyOf(approvals);
  }

  /** Gates without approvals. */
  public GatesConfig(List<SecretRule> secrets, DeployWindow window) {
    this(secrets, window, null);
  }

  /** No gates. */
  public static GatesConfig none() {
    return new GatesConfig(null, null, null);
  }
}
