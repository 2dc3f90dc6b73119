package io.relevo.core.gates;

import io.relevo.core.config.AppConfig;
import io.relevo.core.config.RuntimeConfig.RuntimeType;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What gates judge: one deploy as it was asked for, at one instant.
 *
 * @param config the config the revision would run with
 * @param version the version asked for
 * @param actor who asks
 * @param reason why; the reason an override is recorded with
 * @param overrides the gates the actor lets through if they fail, by name (like {@code window})
 * @param agentEnv the agent's environment, which a process revision inherits
 * @param now the time of the check
 */
public record GateInput(
    AppConfig config,
    String version,
    String actor,
    String reason,
    Set<String> overrides,
    Map<String, String> agentEnv,
    Instant now) {

  public GateInput {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(now, "now");
    version = version == null ? "" : version;
    actor = actor == null || actor.isBlank() ? "unknown" : actor;
    reason = reason == null ? "" : reason;
    overrides = overrides == null ? Set.of() : Set.copyOf(overrides);
    agentEnv = agentEnv == null ? Map.of() : Map.copyOf(agentEnv);
  }

  /**
   * A variable as the revision will see it: {@code runtime.env} first (already interpolated), then,
   * for a process revision, the agent's environment that it inherits. A Docker container sees only
   * {@code runtime.env}.
   */
  public Optional<String> variable(String name) {
    String value = config.runtime().env().get(name);
    if (value == null && config.runtime().type() == RuntimeType.PROCESS) {
      value = agentEnv.get(name);
    }
    return Optional.ofNullable(value);
  }
}
