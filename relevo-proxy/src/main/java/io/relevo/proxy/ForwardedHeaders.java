package io.relevo.proxy;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Rewrites headers as a message crosses the proxy: hop-by-hop headers (RFC 9110 §7.6.1) stop here
 * in both directions, and requests learn who sent them through the X-Forwarded-* family.
 */
final class ForwardedHeaders {

  // AsciiString names cache their hash; a String name is hashed again on every lookup.
  static final AsciiString X_FORWARDED_FOR = AsciiString.cached("X-Forwarded-For");
  static final AsciiString X_FORWARDED_PROTO = AsciiString.cached("X-Forwarded-Proto");
  static final AsciiString X_FORWARDED_HOST = AsciiString.cached("X-Forwarded-Host");
  static final AsciiString X_REQUEST_ID = AsciiString.cached("X-Request-Id");
  private static final AsciiString PROXY_CONNECTION = AsciiString.cached("Proxy-Connection");
  private static final AsciiString HTTP = AsciiString.cached("http");

  private static final AsciiString[] HOP_BY_HOP = {
    HttpHeaderNames.CONNECTION,
    HttpHeaderNames.KEEP_ALIVE,
    PROXY_CONNECTION,
    HttpHeaderNames.TE,
    HttpHeaderNames.TRAILER,
    HttpHeaderNames.TRANSFER_ENCODING,
    HttpHeaderNames.UPGRADE
  };

  private ForwardedHeaders() {}

  /**
   * Prepares a client's request for a revision: HTTP/1.1 (so the connection can be pooled), no
   * hop-by-hop headers, X-Forwarded-For appended with the client address, X-Forwarded-Proto and
   * X-Forwarded-Host set unless a proxy in front already set them, and an X-Request-Id (kept when
   * the client sent one).
   *
   * @param clientAddress the client's address as {@link #address} formats it
   * @return the request id the request carries now
   */
  static CharSequence prepareRequest(HttpRequest request, String clientAddress) {
    HttpHeaders headers = request.headers();
    String upgrade = upgradeOf(request);
    stripHopByHop(request);
    if (upgrade != null) {
      // The one hop-by-hop exchange that must reach the revision: a protocol switch (WebSocket).
      headers.set(HttpHeaderNames.UPGRADE, upgrade);
      headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
    }
    // The proxy answers "Expect: 100-continue" itself, so the revision must not answer it again.
    headers.remove(HttpHeaderNames.EXPECT);
    request.setProtocolVersion(HttpVersion.HTTP_1_1);

    String previous = headers.get(X_FORWARDED_FOR);
    headers.set(
        X_FORWARDED_FOR,
        previous == null || previous.isBlank() ? clientAddress : previous + ", " + clientAddress);
    if (!headers.contains(X_FORWARDED_PROTO)) {
      headers.set(X_FORWARDED_PROTO, HTTP);
    }
    if (!headers.contains(X_FORWARDED_HOST)) {
      String host = headers.get(HttpHeaderNames.HOST);
      if (host != null) {
        headers.set(X_FORWARDED_HOST, host);
      }
    }
    String id = headers.get(X_REQUEST_ID);
    if (id != null && !id.isBlank()) {
      return id;
    }
    AsciiString fresh = RequestIds.next();
    headers.set(X_REQUEST_ID, fresh);
    return fresh;
  }

  /** The protocol a message asks to switch to (Upgrade, named by Connection), or null. */
  static String upgradeOf(HttpMessage message) {
    HttpHeaders headers = message.headers();
    String upgrade = headers.get(HttpHeaderNames.UPGRADE);
    return upgrade != null
            && headers.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)
        ? upgrade
        : null;
  }

  /** A client address as X-Forwarded-For carries it: the IP without a port. */
  static String address(SocketAddress client) {
    return client instanceof InetSocketAddress inet
        ? inet.getAddress().getHostAddress()
        : String.valueOf(client);
  }

  /**
   * Prepares a revision's response for the client: no hop-by-hop headers, the request id echoed,
   * and a body of unknown length re-framed as chunked for HTTP/1.1 clients (HTTP/1.0 clients get it
   * delimited by the close of their connection instead).
   */
  static void prepareResponse(
      HttpResponse response, CharSequence requestId, HttpVersion clientVersion) {
    stripHopByHop(response);
    if (!response.headers().contains(X_REQUEST_ID)) {
      response.headers().set(X_REQUEST_ID, requestId);
    }
    if (mayHaveBody(response.status())
        && !HttpUtil.isContentLengthSet(response)
        && !HttpUtil.isTransferEncodingChunked(response)) {
      if (clientVersion.equals(HttpVersion.HTTP_1_1)) {
        HttpUtil.setTransferEncodingChunked(response, true);
      } else {
        response.headers().set(HttpHeaderNames.CONNECTION, "close");
      }
    }
  }

  /**
   * Removes hop-by-hop headers and those the Connection header names. A chunked message stays
   * chunked: the codec re-frames the body, so only the header's value is rewritten to plain
   * "chunked". The usual Connection values, "keep-alive" and "close", name no other header and are
   * read in place; only another name is copied out, to be removed.
   */
  static void stripHopByHop(HttpMessage message) {
    HttpHeaders headers = message.headers();
    boolean chunked = HttpUtil.isTransferEncodingChunked(message);
    if (headers.contains(HttpHeaderNames.CONNECTION)) {
      List<String> named = null;
      for (Iterator<? extends CharSequence> values =
              headers.valueCharSequenceIterator(HttpHeaderNames.CONNECTION);
          values.hasNext(); ) {
        named = namedIn(values.next(), named);
      }
      if (named != null) {
        named.forEach(headers::remove);
      }
    }
    for (AsciiString name : HOP_BY_HOP) {
      headers.remove(name);
    }
    if (chunked) {
      HttpUtil.setTransferEncodingChunked(message, true);
    }
  }

  /**
   * Adds to {@code named} (made when first needed) the header names a Connection value lists, other
   * than the options "keep-alive" and "close", which the hop-by-hop list removes anyway.
   */
  private static List<String> namedIn(CharSequence value, List<String> named) {
    int length = value.length();
    int start = 0;
    while (start < length) {
      int end = start;
      while (end < length && value.charAt(end) != ',') {
        end++;
      }
      int from = start;
      int to = end;
      while (from < to && isSpace(value.charAt(from))) {
        from++;
      }
      while (to > from && isSpace(value.charAt(to - 1))) {
        to--;
      }
      if (to > from && !isOption(value, from, to)) {
        if (named == null) {
          named = new ArrayList<>(2);
        }
        named.add(value.subSequence(from, to).toString());
      }
      start = end + 1;
    }
    return named;
  }

  private static boolean isOption(CharSequence value, int from, int to) {
    return regionIs(value, from, to, HttpHeaderValues.KEEP_ALIVE)
        || regionIs(value, from, to, HttpHeaderValues.CLOSE);
  }

  private static boolean regionIs(CharSequence value, int from, int to, AsciiString option) {
    if (to - from != option.length()) {
      return false;
    }
    for (int i = 0; i < option.length(); i++) {
      if (AsciiString.toLowerCase(value.charAt(from + i)) != option.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t';
  }

  private static boolean mayHaveBody(HttpResponseStatus status) {
    int code = status.code();
    return code >= 200 && code != 204 && code != 304;
  }
}
