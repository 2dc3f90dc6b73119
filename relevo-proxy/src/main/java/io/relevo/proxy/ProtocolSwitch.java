package io.relevo.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;

/**
 * Turns a client connection and its revision connection into a byte {@link Tunnel} once the
 * revision answered 101 Switching Protocols. Event-loop thread only.
 */
final class ProtocolSwitch {

  private ProtocolSwitch() {}

  /**
   * Sends {@code response} (the 101) to the client, then takes HTTP out of both pipelines: bytes
   * either codec still holds go on to the tunnel, and the two channels forward to each other until
   * one closes, when {@code onClose} runs.
   */
  static void tunnel(Channel client, Channel upstream, HttpResponse response, Runnable onClose) {
    ChannelPipeline front = client.pipeline();
    front.remove(HttpServerKeepAliveHandler.class);
    front.remove(HttpServerExpectContinueHandler.class);
    front.remove(ClientTimeouts.class);
    front.replace(FrontDoorHandler.class, "tunnel", new Tunnel(upstream, onClose));
    client.writeAndFlush(response); // encoded by the HTTP codec, which leaves right after
    front.remove(FrontDoorCodec.class);
    ChannelPipeline back = upstream.pipeline();
    back.replace(UpstreamHandler.class, "tunnel", new Tunnel(client, onClose));
    back.remove(RevisionCodec.class);
    client.config().setAutoRead(true);
    upstream.config().setAutoRead(true);
  }
}
