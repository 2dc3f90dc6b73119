package io.relevo.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.relevo.core.runtime.Endpoint;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The answers the proxy writes itself, each a one-line text body that names what failed. */
final class ErrorResponses {

  private ErrorResponses() {}

  static FullHttpResponse refused(int revision, Endpoint endpoint) {
    return text(
        HttpResponseStatus.BAD_GATEWAY,
        "revision " + revision + " at " + endpoint + " refused the connection");
  }

  static FullHttpResponse connectTimedOut(int revision, Endpoint endpoint, Duration timeout) {
    return text(
        HttpResponseStatus.BAD_GATEWAY,
        "revision "
            + revision
            + " at "
            + endpoint
            + " did not accept the connection within "
            + human(timeout));
  }

  static FullHttpResponse closedEarly(int revision, Endpoint endpoint) {
    return text(
        HttpResponseStatus.BAD_GATEWAY,
        "revision " + revision + " at " + endpoint + " closed the connection before answering");
  }

  static FullHttpResponse timedOut(int revision, Duration timeout) {
    return text(
        HttpResponseStatus.GATEWAY_TIMEOUT,
        "revision " + revision + " did not answer within " + human(timeout));
  }

  static FullHttpResponse cutOff(int revision) {
    return text(
        HttpResponseStatus.GATEWAY_TIMEOUT,
        "revision "
            + revision
            + " left the traffic split and did not answer before its drain timeout");
  }

  static FullHttpResponse noRevision(String app) {
    return text(HttpResponseStatus.SERVICE_UNAVAILABLE, "no revision serves app " + app);
  }

  /** An answer to a request the proxy refuses to read on: the connection closes after it. */
  static FullHttpResponse refusedRequest(HttpResponseStatus status, String why) {
    FullHttpResponse response = text(status, why);
    response.headers().set(HttpHeaderNames.CONNECTION, "close");
    return response;
  }

  /** "60s", "1.5s" or "500ms": durations as people write them. */
  static String human(Duration duration) {
    long millis = duration.toMillis();
    if (millis < 1000) {
      return millis + "ms";
    }
    return millis % 1000 == 0 ? (millis / 1000) + "s" : (millis / 1000.0) + "s";
  }

  private static FullHttpResponse text(HttpResponseStatus status, String message) {
    ByteBuf body =
        Unpooled.copiedBuffer(
            status.code() + " " + status.reasonPhrase() + ": " + message + "\n",
            StandardCharsets.UTF_8);
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
    response
        .headers()
        .set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
        .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
    return response;
  }
}
