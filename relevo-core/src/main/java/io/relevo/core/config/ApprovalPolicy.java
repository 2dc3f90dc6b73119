package io.relevo.core.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code gates.approvals.ENV}: how many people must approve a deploy to environment {@code ENV}
 * before it starts. The person who asked for the deploy never counts.
 *
 * @param env the environment (the config's {@code env}) it applies to
 * @param quorum how many approvals, at least 1
 * @param groups named groups of people; when set, only their members may approve and each group
 *     must give at least one approval (the runbook's code owner and tech lead)
 * @param expireAfter how long one approval counts; default 24 h
 * @param waitFor how long a deploy waits for its quorum before it fails; default 24 h
 */
public record ApprovalPolicy(
    String env,
    int quorum,
    Map<String, Set<String>> groups,
    Duration expireAfter,
    Duration waitFor) {

  public ApprovalPolicy {
    Objects.requireNonNull(env, "env");
    if (quorum < 1) {
      throw new IllegalArgumentException("quorum: " + quorum + " (expected: >= 1)");
    }
    var copy = new LinkedHashMap<String, Set<String>>();
    if (groups != null) {
      groups.forEach((name, members) -> copy.put(name, Set.copyOf(members)));
    }
    groups = java.util.Collections.unmodifiableMap(copy);
    expireAfter = expireAfter == null ? Duration.ofHours(24) : expireAfter;
    waitFor = waitFor == null ? Duration.ofHours(24) : waitFor;
  }

  /** The first group {@code person} belongs to; empty when groups are set and none holds them. */
  public Optional<String> groupOf(String person) {
    if (groups.isEmpty()) {
      return Optional.of("");
    }
    return groups.entrySet().stream()
        .filter(g -> g.getValue().contains(person))
        .map(Map.Entry::getKey)
        .findFirst();
  }
}
