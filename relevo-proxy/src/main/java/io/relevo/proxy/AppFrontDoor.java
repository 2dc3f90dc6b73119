package io.relevo.proxy;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.relevo.core.RelevoException;
import io.relevo.core.config.FrontDoorLimits;
import io.relevo.core.config.HostPort;
import io.relevo.core.config.ProxyConfig;
import io.relevo.core.routing.DrainResult;
import io.relevo.core.routing.TrafficSplit;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Everything the proxy holds for one app: its listening socket and client connections, its split,
 * its revisions' counters and in-flight requests, and its pool of connections to revisions.
 */
final class AppFrontDoor {

  private final String name;
  private final Transport transport;
  private final BackendPool pool;
  private final ConcurrentMap<Integer, RevisionState> revisions = new ConcurrentHashMap<>();
  private final ChannelGroup clients = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private final StickyCookie stickyCookie = StickyCookie.withRandomKey();
  private volatile ProxyConfig settings = ProxyConfig.defaults();
  private volatile OverridePolicy overrides = OverridePolicy.of(settings.overrides());
  private volatile WeightedSplit split = WeightedSplit.empty();
  private Channel server;

  AppFrontDoor(String name, Transport transport) {
    this.name = name;
    this.transport = transport;
    this.pool = new BackendPool(transport);
  }

  String name() {
    return name;
  }

  ProxyConfig settings() {
    return settings;
  }

  OverridePolicy overrides() {
    return overrides;
  }

  StickyCookie stickyCookie() {
    return stickyCookie;
  }

  BackendPool pool() {
    return pool;
  }

  WeightedSplit split() {
    return split;
  }

  /** Binds the front door unless it is bound already; the settings apply to new requests. */
  synchronized void open(EventLoopGroup group, HostPort listen, ProxyConfig settings) {
    this.overrides = OverridePolicy.of(settings.overrides());
    this.settings = settings;
    if (server != null) {
      return;
    }
    AppFrontDoor app = this;
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(group)
            .channel(transport.serverChannel())
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    clients.add(ch);
                    FrontDoorLimits limits = app.settings().limits();
                    ch.pipeline()
                        .addLast(
                            new ClientTimeouts(limits.headerTimeout(), limits.idleTimeout()),
                            new FrontDoorCodec(
                                new HttpDecoderConfig()
                                    .setMaxInitialLineLength(limits.maxRequestLine())
                                    .setMaxHeaderSize(limits.maxHeaderSize())
                                    .setMaxChunkSize(64 * 1024)),
                            new HttpServerExpectContinueHandler(),
                            new HttpServerKeepAliveHandler(),
                            new FrontDoorHandler(app));
                  }
                });
    try {
      server = bootstrap.bind(listen.host(), listen.port()).syncUninterruptibly().channel();
    } catch (Exception e) {
      throw new RelevoException(
          RelevoException.Kind.UNAVAILABLE,
          "app "
              + name
              + ": cannot listen on "
              + listen
              + ": "
              + e.getMessage()
              + " (is another process using that port?)",
          e);
    }
  }

  synchronized int boundPort() {
    if (server == null) {
      throw new IllegalStateException(
          "app " + name + ": front door not open (expected: open() first)");
    }
    return ((InetSocketAddress) server.localAddress()).getPort();
  }

  void route(TrafficSplit next) {
    split =
        WeightedSplit.of(next, revision -> revisions.computeIfAbsent(revision, RevisionState::new));
  }

  RevisionState revision(int revision) {
    return revisions.get(revision);
  }

  DrainResult drain(int revision, Duration timeout) {
    RevisionState state = revisions.get(revision);
    if (state == null) {
      return new DrainResult(0, 0, Duration.ZERO);
    }
    DrainResult result = state.drain().drain(timeout);
    boolean stillRouted =
        split.split().backends().stream().anyMatch(b -> b.endpoint().equals(state.endpoint()));
    if (state.endpoint() != null && !stillRouted) {
      pool.closeIdle(state.endpoint());
    }
    return result;
  }

  /** Stops listening and closes every client and revision connection of the app. */
  synchronized void close() {
    if (server != null) {
      server.close().syncUninterruptibly();
      server = null;
    }
    clients.close().awaitUninterruptibly();
    pool.closeAll();
  }
}
