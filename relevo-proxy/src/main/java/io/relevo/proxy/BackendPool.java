package io.relevo.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.relevo.core.runtime.Endpoint;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keep-alive connections to revisions, idle ones kept per event loop and endpoint.
 *
 * <p>A connection to a revision lives on the event loop of the client connection that opened it, so
 * one request's two channels never cross threads; the idle list of a loop is touched only from that
 * loop, which is why it needs no lock.
 */
final class BackendPool {

  /**
   * Idle connections kept per loop and endpoint; more are closed on release. It must be above the
   * concurrency a loop sees in bursts: with a cap below it, every burst of responses closes the
   * connections over the cap and the next burst of requests opens them again (at 64 and 100
   * concurrent clients, a third of the proxy's time went to connect and close). The revision's own
   * keep-alive timeout closes connections that stay idle.
   */
  private static final int MAX_IDLE_PER_ENDPOINT = 1024;

  private final Bootstrap template;
  private final Map<EventLoop, Map<Endpoint, ArrayDeque<Channel>>> idle = new ConcurrentHashMap<>();

  BackendPool(Transport transport) {
    BackendPool pool = this;
    this.template =
        new Bootstrap()
            .channel(transport.channel())
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.SO_KEEPALIVE, true)
            .handler(
                new ChannelInitializer<>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    ch.pipeline()
                        .addLast(
                            new RevisionCodec(
                                new HttpDecoderConfig()
                                    .setMaxHeaderSize(16 * 1024)
                                    .setMaxChunkSize(64 * 1024)),
                            new UpstreamHandler(pool));
                  }
                });
  }

  /**
   * An idle, still open connection to {@code endpoint} on {@code loop}, or null. Loop thread only.
   */
  Channel poll(EventLoop loop, Endpoint endpoint) {
    ArrayDeque<Channel> channels = idleOf(loop).get(endpoint);
    while (channels != null && !channels.isEmpty()) {
      Channel channel = channels.pollFirst();
      if (channel.isActive()) {
        return channel;
      }
      channel.close();
    }
    return null;
  }

  /** Opens a new connection to {@code endpoint} on {@code loop}. */
  ChannelFuture connect(EventLoop loop, Endpoint endpoint, Duration timeout) {
    Bootstrap bootstrap =
        template
            .clone(loop)
            .option(
                ChannelOption.CONNECT_TIMEOUT_MILLIS,
                (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    ChannelFuture future = bootstrap.connect(endpoint.host(), endpoint.port());
    future.channel().attr(UpstreamHandler.ENDPOINT).set(endpoint);
    return future;
  }

  /** Takes back a connection whose exchange ended cleanly. Loop thread only. */
  void release(Channel channel) {
    Endpoint endpoint = channel.attr(UpstreamHandler.ENDPOINT).get();
    if (!channel.isActive() || endpoint == null) {
      channel.close();
      return;
    }
    // An exchange may have paused reading for backpressure; idle connections must read to see a
    // close.
    channel.config().setAutoRead(true);
    ArrayDeque<Channel> channels =
        idleOf(channel.eventLoop()).computeIfAbsent(endpoint, e -> new ArrayDeque<>());
    if (channels.size() >= MAX_IDLE_PER_ENDPOINT) {
      channel.close();
      return;
    }
    channels.addFirst(channel); // LIFO: the warmest connection goes out first
  }

  /**
   * The client of the exchange that holds {@code channel} left. The connection closes, unless the
   * whole request went out and only its answer is still to come: then the answer is read to its end
   * (by {@code deadlineNanos}) and the connection comes back to the pool. Loop thread only.
   */
  void clientLeft(Channel channel, boolean answerPending, long deadlineNanos) {
    if (answerPending) {
      AbandonedAnswer.readToEnd(this, channel, deadlineNanos);
    } else {
      channel.close();
    }
  }

  /** Idle connections to {@code endpoint} on every loop; any thread but a loop's. */
  int idleCount(Endpoint endpoint) {
    int count = 0;
    for (Map.Entry<EventLoop, Map<Endpoint, ArrayDeque<Channel>>> loop : idle.entrySet()) {
      count +=
          loop.getKey()
              .submit(
                  () -> {
                    ArrayDeque<Channel> channels = loop.getValue().get(endpoint);
                    return channels == null ? 0 : channels.size();
                  })
              .syncUninterruptibly()
              .getNow();
    }
    return count;
  }

  /** Forgets an idle connection the revision closed. Loop thread only. */
  void forget(Channel channel) {
    Endpoint endpoint = channel.attr(UpstreamHandler.ENDPOINT).get();
    ArrayDeque<Channel> channels =
        endpoint == null ? null : idleOf(channel.eventLoop()).get(endpoint);
    if (channels != null) {
      channels.remove(channel);
    }
  }

  /** Closes the idle connections to {@code endpoint} on every loop; any thread. */
  void closeIdle(Endpoint endpoint) {
    idle.forEach(
        (loop, byEndpoint) ->
            loop.execute(
                () -> {
                  ArrayDeque<Channel> channels = byEndpoint.remove(endpoint);
                  if (channels != null) {
                    channels.forEach(Channel::close);
                  }
                }));
  }

  /** Closes every idle connection; any thread. */
  void closeAll() {
    idle.forEach(
        (loop, byEndpoint) ->
            loop.execute(
                () -> {
                  byEndpoint.values().forEach(channels -> channels.forEach(Channel::close));
                  byEndpoint.clear();
                }));
  }

  private Map<Endpoint, ArrayDeque<Channel>> idleOf(EventLoop loop) {
    return idle.computeIfAbsent(loop, l -> new HashMap<>());
  }
}
