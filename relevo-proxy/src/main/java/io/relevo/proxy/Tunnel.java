package io.relevo.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * One direction of a connection that left HTTP after a 101 Switching Protocols (a WebSocket, say):
 * bytes from this channel go to its peer as they come, with the peer's backpressure pausing this
 * side's reads. When either side closes, the other is closed once what it was sent is flushed, and
 * {@code onClose} runs (once per side; the exchange ignores the second). Event-loop thread only:
 * both channels of a tunnel live on one loop.
 */
final class Tunnel extends ChannelInboundHandlerAdapter {

  private final Channel peer;
  private final Runnable onClose;

  Tunnel(Channel peer, Runnable onClose) {
    this.peer = peer;
    this.onClose = onClose;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ByteBuf bytes)) {
      ReferenceCountUtil.release(msg); // the empty end of the 101 the HTTP codec still passed on
      return;
    }
    peer.write(bytes, peer.voidPromise());
    if (!peer.isWritable()) {
      ctx.channel().config().setAutoRead(false);
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    peer.flush();
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    peer.config().setAutoRead(ctx.channel().isWritable());
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (peer.isActive()) {
      peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }
    onClose.run();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
