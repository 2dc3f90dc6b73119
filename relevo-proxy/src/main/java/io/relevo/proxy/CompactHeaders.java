package io.relevo.proxy;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;

/**
 * The headers and trailers of decoded messages: validated as Netty's defaults are, but each made
 * with a smaller hash table. Netty gives every headers object sixteen slots; the decoders make one
 * for each request and response and one for the trailers of each message whose body they read to
 * its end (every response with a Content-Length), nearly all of which stay empty. Those tables were
 * a tenth of the bytes allocated per proxied request. A message with more headers than slots still
 * works: the slots chain.
 */
final class CompactHeaders implements HttpHeadersFactory {

  /** For requests and responses: a head usually carries 5 to 15 headers. */
  static final CompactHeaders HEADERS =
      new CompactHeaders(DefaultHttpHeadersFactory.headersFactory(), 8);

  /** For trailers, which are nearly always empty. */
  static final CompactHeaders TRAILERS =
      new CompactHeaders(DefaultHttpHeadersFactory.trailersFactory(), 2);

  private final DefaultHttpHeadersFactory netty;
  private final int slots;

  private CompactHeaders(DefaultHttpHeadersFactory netty, int slots) {
    this.netty = netty;
    this.slots = slots;
  }

  @Override
  public HttpHeaders newHeaders() {
    return new Headers(netty, slots);
  }

  @Override
  public HttpHeaders newEmptyHeaders() {
    return netty.newEmptyHeaders();
  }

  private static final class Headers extends DefaultHttpHeaders {
    Headers(DefaultHttpHeadersFactory netty, int slots) {
      super(netty.getNameValidator(), netty.getValueValidator(), slots);
    }
  }
}
