package io.relevo.proxy;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.relevo.core.config.FrontDoorLimits;

/**
 * Which requests the front door refuses before routing, and with what: a request line over {@code
 * max_request_line} gets 414, header lines over {@code max_header_size} or more fields than {@code
 * max_headers} get 431, and anything else the decoder could not read (two framings of one body,
 * conflicting Content-Lengths, a malformed line) gets 400. Each answer names the limit or the
 * problem and closes the connection, since what follows on it cannot be trusted.
 */
final class RequestLimits {

  private RequestLimits() {}

  /** The answer that refuses {@code request}, or null when it may go on. */
  static FullHttpResponse refusal(HttpRequest request, FrontDoorLimits limits) {
    if (request.decoderResult().isFailure()) {
      Throwable cause = request.decoderResult().cause();
      if (cause instanceof TooLongHttpLineException) {
        return ErrorResponses.refusedRequest(
            HttpResponseStatus.REQUEST_URI_TOO_LONG,
            "request line longer than "
                + limits.maxRequestLine()
                + " bytes (proxy.max_request_line)");
      }
      if (cause instanceof TooLongHttpHeaderException) {
        return ErrorResponses.refusedRequest(
            HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
            "request headers larger than "
                + limits.maxHeaderSize()
                + " bytes (proxy.max_header_size)");
      }
      return ErrorResponses.refusedRequest(
          HttpResponseStatus.BAD_REQUEST, "malformed request: " + cause.getMessage());
    }
    if (request.headers().size() > limits.maxHeaders()) {
      return ErrorResponses.refusedRequest(
          HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
          "more than " + limits.maxHeaders() + " header fields (proxy.max_headers)");
    }
    return null;
  }
}
