package io.relevo.core.engine;

import io.relevo.core.RelevoException;
import io.relevo.core.RelevoException.Kind;
import io.relevo.core.config.ApprovalPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * One deploy waiting for its approvals: who asked, who approved and when. Approvals count for the
 * policy's {@code expire_after}; the deploy waits at most its {@code wait_for}. Thread-safe: the
 * deploy's thread waits on it while {@code relevo approve} adds to it.
 */
final class PendingApproval {

  /** One person's approval. */
  record Approval(String person, String group, Instant at) {}

  final long rolloutId;
  final String requester;
  final ApprovalPolicy policy;
  final Instant requestedAt;
  private final List<Approval> approvals = new ArrayList<>();

  PendingApproval(long rolloutId, String requester, ApprovalPolicy policy, Instant requestedAt) {
    this.rolloutId = rolloutId;
    this.requester = requester;
    this.policy = policy;
    this.requestedAt = requestedAt;
  }

  Instant deadline() {
    return requestedAt.plus(policy.waitFor());
  }

  /**
   * Adds {@code person}'s approval, or throws BAD_INPUT saying why it cannot count: the requester,
   * someone outside the groups, a second approval by the same person, a request that expired.
   */
  synchronized Approval approve(String app, String person, Instant now) {
    if (!now.isBefore(deadline())) {
      throw new RelevoException(
          Kind.BAD_INPUT,
          "the request for approval of rollout "
              + rolloutId
              + " of "
              + app
              + " expired at "
              + deadline()
              + " (expected: a deploy still waiting; deploy again to ask anew)");
    }
    if (person.equals(requester)) {
      throw new RelevoException(
          Kind.BAD_INPUT,
          person
              + " asked for rollout "
              + rolloutId
              + " of "
              + app
              + " and cannot approve it (expected: another person)");
    }
    String group =
        policy
            .groupOf(person)
            .orElseThrow(
                () ->
                    new RelevoException(
                        Kind.BAD_INPUT,
                        person
                            + " is in no approving group of "
                            + policy.env()
                            + " (expected: a member of "
                            + String.join(", ", policy.groups().keySet())
                            + ")"));
    if (valid(now).stream().anyMatch(a -> a.person().equals(person))) {
      throw new RelevoException(
          Kind.BAD_INPUT, person + " already approved rollout " + rolloutId + " of " + app);
    }
    Approval approval = new Approval(person, group, now);
    approvals.add(approval);
    notifyAll();
    return approval;
  }

  /** The approvals that still count at {@code now}. */
  synchronized List<Approval> valid(Instant now) {
    return approvals.stream().filter(a -> now.isBefore(a.at().plus(policy.expireAfter()))).toList();
  }

  /** True when the approvals that count at {@code now} make the quorum and cover every group. */
  synchronized boolean approved(Instant now) {
    List<Approval> valid = valid(now);
    Set<String> groups = valid.stream().map(Approval::group).collect(Collectors.toSet());
    return valid.size() >= policy.quorum()
        && (policy.groups().isEmpty() || groups.containsAll(policy.groups().keySet()));
  }

  /** {@code 1 of 2 approvals (bob, tech-leads); still needed: code-owners}. */
  synchronized String describe(Instant now) {
    List<Approval> valid = valid(now);
    Set<String> missing = new TreeSet<>(policy.groups().keySet());
    valid.forEach(a -> missing.remove(a.group()));
    return valid.size()
        + " of "
        + policy.quorum()
        + " approvals"
        + (valid.isEmpty()
            ? ""
            : " ("
                + valid.stream()
                    .map(a -> a.person() + (a.group().isEmpty() ? "" : ", " + a.group()))
                    .collect(Collectors.joining("; "))
                + ")")
        + (missing.isEmpty() ? "" : "; still needed from " + String.join(", ", missing));
  }

  /** Waits up to {@code millis} for an approval to arrive. */
  synchronized void awaitChange(long millis) throws InterruptedException {
    wait(millis);
  }
}
