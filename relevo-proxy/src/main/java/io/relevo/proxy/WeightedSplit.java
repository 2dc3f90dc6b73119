package io.relevo.proxy;

import io.relevo.core.routing.TrafficSplit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * An app's traffic split as the hot path uses it: immutable except for its cursor, and replaced as
 * a whole on every route change.
 *
 * <p>The pick is a smooth weighted round-robin (nginx's algorithm) laid out once as a cycle of
 * {@code 100 / gcd(weights)} slots, then walked by an atomic cursor. It is exact rather than
 * random: every full cycle gives each revision exactly its weight, spread evenly through the cycle
 * (10/90 sends one request in ten to the first revision, not ten in a row).
 */
final class WeightedSplit {

  private final TrafficSplit split;
  private final Target[] cycle;
  private final Map<Integer, Target> byRevision;
  private final Target newest;
  private final Target oldest;
  private final Target stable;
  private final AtomicLong cursor = new AtomicLong();

  private WeightedSplit(
      TrafficSplit split, Target[] cycle, Map<Integer, Target> byRevision, Target stable) {
    this.split = split;
    this.cycle = cycle;
    this.byRevision = byRevision;
    this.stable = stable;
    Target newest = null;
    Target oldest = null;
    for (Target target : byRevision.values()) {
      newest = newest == null || target.revision() > newest.revision() ? target : newest;
      oldest = oldest == null || target.revision() < oldest.revision() ? target : oldest;
    }
    this.newest = newest;
    this.oldest = oldest;
  }

  static WeightedSplit empty() {
    return new WeightedSplit(TrafficSplit.none(), new Target[0], Map.of(), null);
  }

  /** Resolves each backend's revision to its state with {@code states}. */
  static WeightedSplit of(TrafficSplit split, IntFunction<RevisionState> states) {
    Map<Integer, Target> byRevision = new HashMap<>();
    Target[] targets = new Target[split.backends().size()];
    int gcd = 0;
    for (int i = 0; i < targets.length; i++) {
      TrafficSplit.Backend backend = split.backends().get(i);
      RevisionState state = states.apply(backend.revision());
      state.routedTo(backend.endpoint());
      targets[i] = new Target(backend.revision(), backend.endpoint(), backend.weight(), state);
      byRevision.put(backend.revision(), targets[i]);
      gcd = gcd(gcd, backend.weight());
    }
    return new WeightedSplit(
        split,
        smoothCycle(targets, gcd),
        Map.copyOf(byRevision),
        targets.length == 0 ? null : targets[0]);
  }

  TrafficSplit split() {
    return split;
  }

  /**
   * The revision for one request: the one {@code override} names if it is in the split (any weight;
   * {@link OverridePolicy#CANARY} is the newest revision, {@link OverridePolicy#STABLE} the
   * oldest), else the one {@code sticky} names if it is in the split with weight above 0, else the
   * next slot of the cycle. Null when the split is empty.
   */
  Target pick(int override, int sticky) {
    Target chosen = pinned(override);
    if (chosen != null) {
      return chosen;
    }
    chosen = byRevision.get(sticky);
    if (chosen != null && chosen.weight() > 0) {
      return chosen;
    }
    if (cycle.length == 0) {
      return null;
    }
    return cycle[(int) Math.floorMod(cursor.getAndIncrement(), (long) cycle.length)];
  }

  /**
   * The revision {@code override} (from {@link OverridePolicy#requested}) pins a request to: one in
   * the split at any weight, or null when it names none of them.
   */
  Target pinned(int override) {
    return switch (override) {
      case OverridePolicy.CANARY -> newest;
      case OverridePolicy.STABLE -> oldest;
      default -> byRevision.get(override);
    };
  }

  /**
   * The stable revision: by convention the first backend of the split, as the engine builds a
   * canary's split as [stable, canary]; null when the split is empty.
   */
  Target stable() {
    return stable;
  }

  private static Target[] smoothCycle(Target[] targets, int gcd) {
    if (gcd == 0) {
      return new Target[0];
    }
    int total = 0;
    for (Target target : targets) {
      total += target.weight() / gcd;
    }
    Target[] cycle = new Target[total];
    int[] current = new int[targets.length];
    for (int slot = 0; slot < total; slot++) {
      int best = -1;
      for (int i = 0; i < targets.length; i++) {
        current[i] += targets[i].weight() / gcd;
        if (targets[i].weight() > 0 && (best < 0 || current[i] > current[best])) {
          best = i;
        }
      }
      current[best] -= total;
      cycle[slot] = targets[best];
    }
    return cycle;
  }

  private static int gcd(int a, int b) {
    return b == 0 ? a : gcd(b, a % b);
  }
}
