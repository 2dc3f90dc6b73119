package io.relevo.proxy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;

/**
 * Once the front door retires (a new proxy process accepts in its place), marks every answer {@code
 * Connection: close}, so that the keep-alive handler closes the connection after it and the client
 * opens its next one to the new process. A connection is never closed between two requests, where a
 * client could be sending the next one.
 */
final class RetiringHandler extends ChannelOutboundHandlerAdapter {

  private final AppFrontDoor door;

  RetiringHandler(AppFrontDoor door) {
    this.door = door;
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof HttpResponse response && door.retiring()) {
      HttpUtil.setKeepAlive(response, false);
    }
    ctx.write(msg, promise);
  }
}
