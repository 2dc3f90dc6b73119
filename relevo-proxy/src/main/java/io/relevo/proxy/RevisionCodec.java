package io.relevo.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.CombinedChannelDuplexHandler;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.util.AsciiString;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The codec of a connection to a revision: Netty's response decoder and request encoder, paired as
 * {@code HttpClientCodec} pairs them (each request's method is remembered, so that the answer to a
 * HEAD has no body and a 200 to a CONNECT ends HTTP on the connection), with the answers' header
 * names, versions, status codes and reasons taken from the event loop's {@link HeadTokens} instead
 * of copied out of every response: a revision answers with the same few names each time.
 */
final class RevisionCodec
    extends CombinedChannelDuplexHandler<HttpResponseDecoder, HttpRequestEncoder> {

  private final ArrayDeque<HttpMethod> methods = new ArrayDeque<>();

  /** After a 200 to a CONNECT: the bytes that follow are not HTTP. */
  private boolean done;

  RevisionCodec(HttpDecoderConfig config) {
    init(
        new Decoder(
            config
                .clone()
                .setHeadersFactory(CompactHeaders.HEADERS)
                .setTrailersFactory(CompactHeaders.TRAILERS)),
        new Encoder());
  }

  private final class Decoder extends HttpResponseDecoder {

    Decoder(HttpDecoderConfig config) {
      super(config);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out)
        throws Exception {
      if (done) {
        int readable = actualReadableBytes();
        if (readable > 0) {
          out.add(buffer.readBytes(readable));
        }
        return;
      }
      super.decode(ctx, buffer, out);
    }

    @Override
    protected boolean isContentAlwaysEmpty(HttpMessage message) {
      HttpResponse response = (HttpResponse) message;
      if (response.status().codeClass() == HttpStatusClass.INFORMATIONAL) {
        return super.isContentAlwaysEmpty(message); // not the answer its request waits for
      }
      HttpMethod method = methods.poll();
      if (HttpMethod.HEAD.equals(method)) {
        return true;
      }
      if (HttpMethod.CONNECT.equals(method) && response.status().code() == 200) {
        done = true;
        methods.clear();
        return true;
      }
      return super.isContentAlwaysEmpty(message);
    }

    @Override
    protected AsciiString splitHeaderName(byte[] bytes, int start, int length) {
      return HeadTokens.ofThisThread().name(bytes, start, length);
    }

    /** The version. */
    @Override
    protected String splitFirstWordInitialLine(byte[] bytes, int start, int length) {
      return HeadTokens.ofThisThread().word(bytes, start, length);
    }

    /** The status code. */
    @Override
    protected String splitSecondWordInitialLine(byte[] bytes, int start, int length) {
      return HeadTokens.ofThisThread().word(bytes, start, length);
    }

    /** The reason phrase. */
    @Override
    protected String splitThirdWordInitialLine(byte[] bytes, int start, int length) {
      return HeadTokens.ofThisThread().word(bytes, start, length);
    }
  }

  private final class Encoder extends HttpRequestEncoder {

    @Override
    protected void encode(ChannelHandlerContext ctx, Object msg, List<Object> out)
        throws Exception {
      if (msg instanceof HttpRequest request) {
        methods.offer(request.method());
      }
      super.encode(ctx, msg, out);
    }
  }
}
