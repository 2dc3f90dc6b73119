package io.relevo.core.routing;

import io.relevo.core.runtime.Endpoint;
import java.util.List;

/**
 * Which revisions take an app's traffic and in what shares. Weights are percentages that add up to
 * 100, or the list is empty (no revision serves).
 *
 * @param backends the revisions and their weights; by convention the first one is the stable
 *     revision (a canary's split is [stable, canary]), which takes the safe requests that another
 *     revision refuses or drops before answering
 * @param sticky whether a client stays on the revision it first got (a cookie the router sets) for
 *     as long as that revision has a share
 */
public record TrafficSplit(List<Backend> backends, boolean sticky) {

  /** A split without stickiness. */
  public TrafficSplit(List<Backend> backends) {
    this(backends, false);
  }

  public TrafficSplit {
    backends = List.copyOf(backends);
    int sum = backends.stream().mapToInt(Backend::weight).sum();
    if (!backends.isEmpty() && sum != 100) {
      throw new IllegalArgumentException("weights: sum " + sum + " (expected: 100)");
    }
  }

  public static TrafficSplit none() {
    return new TrafficSplit(List.of());
  }

  /** All traffic to one revision. */
  public static TrafficSplit all(int revision, Endpoint endpoint) {
    return new TrafficSplit(List.of(new Backend(revision, endpoint, 100)));
  }

  /** One revision of the split, with its share in percent (0..100). */
  public record Backend(int revision, Endpoint endpoint, int weight) {
    public Backend {
      if (weight < 0 || weight > 100) {
        throw new IllegalArgumentException("weight: " + weight + " (expected: 0..100)");
      }
    }
  }
}
