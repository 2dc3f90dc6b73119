package io.relevo.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.CombinedChannelDuplexHandler;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.util.AsciiString;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The front door's HTTP/1.1 codec: Netty's request decoder and response encoder, as in {@code
 * HttpServerCodec}, except that a request with both Content-Length and Transfer-Encoding is refused
 * (it decodes as a failed request, answered 400 with the connection closed) instead of being
 * forwarded with its Content-Length dropped. Two framings of one body are how requests are smuggled
 * past a proxy whose reading differs from the app's. Like HttpServerCodec, it remembers each
 * request's method so that the answer to a HEAD (or a CONNECT) has no body. Header names, methods
 * and versions come from the event loop's {@link HeadTokens} rather than a copy per request.
 */
final class FrontDoorCodec
    extends CombinedChannelDuplexHandler<HttpRequestDecoder, HttpResponseEncoder> {

  /** Why a request with two framings fails to decode; its message becomes the 400's reason. */
  static final class AmbiguousFraming extends IllegalArgumentException {
    AmbiguousFraming() {
      super("both Content-Length and Transfer-Encoding are set (expected: one of them)");
    }
  }

  private final ArrayDeque<HttpMethod> methods = new ArrayDeque<>();

  FrontDoorCodec(HttpDecoderConfig config) {
    init(
        new Decoder(
            config
                .clone()
                .setHeadersFactory(CompactHeaders.HEADERS)
                .setTrailersFactory(CompactHeaders.TRAILERS)),
        new Encoder());
  }

  private final class Decoder extends HttpRequestDecoder {

    Decoder(HttpDecoderConfig config) {
      super(config);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out)
        throws Exception {
      int before = out.size();
      super.decode(ctx, buffer, out);
      for (int i = before; i < out.size(); i++) {
        if (out.get(i) instanceof HttpRequest request) {
          methods.add(request.method());
        }
      }
    }

    @Override
    protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
      throw new AmbiguousFraming();
    }

    @Override
    protected AsciiString splitHeaderName(byte[] bytes, int start, int length) {
      return HeadTokens.ofThisThread().name(bytes, start, length);
    }

    /** The method. */
    @Override
    protected String splitFirstWordInitialLine(byte[] bytes, int start, int length) {
      return HeadTokens.ofThisThread().word(bytes, start, length);
    }

    /** The version (the target, the second word, varies too much to keep). */
    @Override
    protected String splitThirdWordInitialLine(byte[] bytes, int start, int length) {
      return HeadTokens.ofThisThread().word(bytes, start, length);
    }
  }

  private final class Encoder extends HttpResponseEncoder {

    private HttpMethod method;

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise)
        throws Exception {
      if (msg instanceof HttpResponse response && isFinal(response.status())) {
        method = methods.poll();
      }
      super.write(ctx, msg, promise);
    }

    @Override
    protected boolean isContentAlwaysEmpty(HttpResponse response) {
      if (HttpMethod.HEAD.equals(method)) {
        return true;
      }
      if (HttpMethod.CONNECT.equals(method)
          && response.status().codeClass() == HttpStatusClass.SUCCESS) {
        return true;
      }
      return super.isContentAlwaysEmpty(response);
    }

    /** A 100 Continue comes before the final answer to the same request; a 101 is that answer. */
    private static boolean isFinal(HttpResponseStatus status) {
      return status.codeClass() != HttpStatusClass.INFORMATIONAL
          || status.code() == HttpResponseStatus.SWITCHING_PROTOCOLS.code();
    }
  }
}
