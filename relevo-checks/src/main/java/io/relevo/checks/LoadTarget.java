package io.relevo.checks;

import io.relevo.core.analysis.LoadSpec;
import io.relevo.core.runtime.Endpoint;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One revision under load: the request sent to it again and again (immutable, so built once) and
 * its counters.
 *
 * @param request {@code null} when the spec cannot be sent (a path that is no URI): every beat then
 *     counts as a connection failure, so the analysis sees it instead of silence
 */
record LoadTarget(int revision, HttpRequest request, LoadCounters counters) {

  /** Lets the revision tell relevo's requests from its users'. */
  static final String SYNTHETIC_HEADER = "X-Relevo-Synthetic";

  private static final Logger log = LoggerFactory.getLogger(LoadTarget.class);

  static LoadTarget of(
      String app,
      int revision,
      Endpoint endpoint,
      LoadSpec spec,
      Duration timeout,
      LoadCounters counters) {
    HttpRequest request = null;
    try {
      HttpRequest.Builder builder =
          HttpRequest.newBuilder(Http.uri(endpoint, spec.path()))
              .timeout(timeout)
              .method(spec.method(), HttpRequest.BodyPublishers.noBody());
      for (Map.Entry<String, String> header : spec.headers().entrySet()) {
        try {
          builder.setHeader(header.getKey(), header.getValue());
        } catch (IllegalArgumentException e) {
          // A header the client sets itself (Host, Connection …): config validation refuses these.
          log.warn(
              "synthetic load of {}: header {} left out: {}", app, header.getKey(), e.getMessage());
        }
      }
      request = builder.setHeader(SYNTHETIC_HEADER, "1").build();
    } catch (IllegalArgumentException e) {
      log.warn(
          "synthetic load of {} revision {}: cannot send {} {}: {}; every request counts as a"
              + " connection failure",
          app,
          revision,
          spec.method(),
          spec.path(),
          e.getMessage());
    }
    return new LoadTarget(revision, request, counters);
  }
}
