package io.relevo.server.v1;

import io.relevo.core.routing.TrafficSplit;
import java.util.List;

/**
 * The proxy's split of traffic: each backend's weight in percent, summing to 100 (or none).
 *
 * @param sticky whether a client keeps the revision it first got
 */
public record SplitView(List<Backend> backends, boolean sticky) {

  public SplitView {
    backends = backends == null ? List.of() : List.copyOf(backends);
  }

  /** One revision's share, and where the proxy sends it. */
  public record Backend(int revision, Endpoint endpoint, int weight) {}

  /** A host and port. */
  public record Endpoint(String host, int port) {
    @Override
    public String toString() {
      return host + ":" + port;
    }
  }

  public static SplitView of(TrafficSplit split) {
    return split == null
        ? null
        : new SplitView(
            split.backends().stream()
                .map(
                    b ->
                        new Backend(
                            b.revision(),
                            b.endpoint() == null
                                ? null
                                : new Endpoint(b.endpoint().host(), b.endpoint().port()),
                            b.weight()))
                .toList(),
            split.sticky());
  }
}
