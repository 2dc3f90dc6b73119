package io.relevo.proxy;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import java.util.Set;

/**
 * Which failed requests go once more, to the stable revision, so that a canary that crashes costs
 * users nothing: a GET, HEAD or OPTIONS without a body, routed by the split (not pinned by {@code
 * X-Relevo-Revision}), that a revision other than the stable one refused or dropped before a byte
 * of its response reached the client. The stable revision is the first backend of the split in
 * force when the request fails (the engine lists the stable revision first). The exchange checks
 * the rest: once per request, nothing forwarded yet.
 */
final class StableRetry {

  /** Methods whose request the revision cannot have acted on in a way a repeat would double. */
  private static final Set<HttpMethod> SAFE =
      Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

  private StableRetry() {}

  /**
   * The revision to retry {@code request} on after {@code failed} let it down, or null when it must
   * not be retried: not a safe method, a body, no split, or {@code failed} is the stable revision.
   */
  static Target target(WeightedSplit split, Target failed, HttpRequest request) {
    Target stable = split.stable();
    if (stable == null || stable.revision() == failed.revision()) {
      return null;
    }
    return SAFE.contains(request.method()) && !hasBody(request) ? stable : null;
  }

  private static boolean hasBody(HttpRequest request) {
    try {
      return HttpUtil.getContentLength(request, 0L) > 0
          || HttpUtil.isTransferEncodingChunked(request);
    } catch (NumberFormatException e) {
      return true; // the decoder lets no such request through; if one came, it is not retried
    }
  }
}
