package io.relevo.proxy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import io.relevo.core.runtime.Endpoint;

/**
 * The end of a connection to a revision: hands what the revision sends to the exchange that holds
 * the connection now, or, while the connection sits idle in the pool, notices when it closes.
 */
final class UpstreamHandler extends ChannelInboundHandlerAdapter {

  static final AttributeKey<Endpoint> ENDPOINT = AttributeKey.valueOf("relevo.endpoint");

  private final BackendPool pool;
  private Exchange exchange;

  UpstreamHandler(BackendPool pool) {
    this.pool = pool;
  }

  static UpstreamHandler of(io.netty.channel.Channel channel) {
    return channel.pipeline().get(UpstreamHandler.class);
  }

  void bind(Exchange exchange) {
    this.exchange = exchange;
  }

  void unbind() {
    this.exchange = null;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    Exchange current = exchange;
    if (current == null) {
      // An idle connection has nothing to say; whatever it sends would corrupt the next exchange.
      ReferenceCountUtil.release(msg);
      ctx.close();
      return;
    }
    if (msg instanceof HttpResponse response) {
      current.upstreamResponse(ctx.channel(), response);
    }
    if (msg instanceof HttpContent content) {
      Exchange now = exchange;
      if (now == current) {
        current.upstreamContent(ctx.channel(), content);
      } else {
        content.release();
      }
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    Exchange current = exchange;
    if (current != null) {
      current.flushClient();
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    Exchange current = exchange;
    if (current != null) {
      current.upstreamWritabilityChanged(ctx.channel());
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    Exchange current = exchange;
    exchange = null;
    if (current != null) {
      current.upstreamLost(ctx.channel());
    } else {
      pool.forget(ctx.channel());
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // The close reaches the exchange through channelInactive, the one place that handles a loss.
    ctx.close();
  }
}
