package io.relevo.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;

/**
 * One client connection to an app's front door. It routes each request as its headers arrive, to
 * the split in force at that moment, and runs one exchange at a time: a pipelined request waits,
 * with reading paused, until the response before it is done.
 */
final class FrontDoorHandler extends ChannelInboundHandlerAdapter {

  private final AppFrontDoor app;
  private final ArrayDeque<Object> waiting = new ArrayDeque<>();
  private Channel channel;
  private ReadGate reads;
  private Exchange current;

  FrontDoorHandler(AppFrontDoor app) {
    this.app = app;
  }

  Channel channel() {
    return channel;
  }

  ReadGate reads() {
    return reads;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    channel = ctx.channel();
    reads = new ReadGate(channel);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (current != null && current.requestComplete()) {
      waiting.add(msg); // pipelined: its turn comes when the current response is done
      return;
    }
    dispatch(msg);
  }

  private void dispatch(Object msg) {
    if (msg instanceof HttpRequest request) {
      if (request.decoderResult().isFailure()) {
        ReferenceCountUtil.release(msg);
        channel.writeAndFlush(ErrorResponses.badRequest(
                "malformed request: " + request.decoderResult().cause().getMessage()))
            .addListener(ChannelFutureListener.CLOSE);
        return;
      }
      route(request);
    }
    if (msg instanceof HttpContent content) {
      if (current == null) {
        content.release(); // the body of a request already answered (503, early response)
        return;
      }
      Exchange exchange = current;
      exchange.requestContent(content);
      if (content instanceof LastHttpContent && current == exchange) {
        reads.hold(ReadGate.RESPONSE_PENDING);
      }
    }
  }

  private void route(HttpRequest request) {
    WeightedSplit split = app.split(); // the split of this moment: old or new, never none
    int sticky = app.sticky() ? StickyCookie.revision(request.headers()) : -1;
    Target target = split.pick(StickyCookie.override(request.headers()), sticky);
    if (target == null) {
      channel.writeAndFlush(ErrorResponses.noRevision(app.name()));
      return;
    }
    HttpVersion version = request.protocolVersion();
    String requestId = ForwardedHeaders.prepareRequest(request, channel.remoteAddress());
    boolean setCookie = app.sticky() && target.weight() > 0 && sticky != target.revision();
    Exchange exchange = new Exchange(this, app, target, request, requestId, version, setCookie);
    current = exchange;
    exchange.start();
  }

  /** Called by the exchange when it ends, on this channel's loop. */
  void exchangeDone(Exchange exchange) {
    if (current != exchange) {
      return;
    }
    current = null;
    reads.release(ReadGate.ALL);
    while (!waiting.isEmpty() && (current == null || !current.requestComplete())) {
      dispatch(waiting.poll());
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (current != null) {
      current.flushUpstream();
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (current != null) {
      current.clientWritabilityChanged();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (current != null) {
      current.clientClosed();
    }
    waiting.forEach(ReferenceCountUtil::release);
    waiting.clear();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
