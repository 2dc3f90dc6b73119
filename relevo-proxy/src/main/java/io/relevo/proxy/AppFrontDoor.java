package io.relevo.proxy;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.DefaultMaxMessagesRecvByteBufAllocator;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.ServerChannelRecvByteBufAllocator;
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
import io.relevo.core.metrics.RevisionStats;
import io.relevo.core.routing.DrainResult;
import io.relevo.core.routing.TrafficSplit;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Everything the proxy holds for one app: its listening socket and client connections, its split,
 * its revisions' counters and in-flight requests, and its pool of connections to revisions.
 */
final class AppFrontDoor {

  /**
   * Connections accepted each time the listening socket is ready, before the loop turns to the
   * connections it serves. Netty 4.2's epoll listener accepts one per turn by default (it asks the
   * last read's byte count whether more may wait, and an accept has none; its limit of 16 never
   * comes into play): a burst of 1,000 new clients then takes 1,000 turns of the loop to accept,
   * and in each turn the loop first serves every ready request of the clients already in, so the
   * last ones wait in the kernel's accept queue, for seconds at 1,000 connections, while the first
   * ones are served many times over. Accepting costs microseconds, so one turn takes a burst of
   * this size whole, and a larger flood still leaves room to serve between turns.
   * docs/PROXY-PERFORMANCE.md ("The 1,000-connection tail") has the measurements.
   */
  static final int ACCEPTS_PER_TURN = 1024;

  // Deprecated in Netty 4.2 and still how a listener's accepts per read are set.
  @SuppressWarnings("deprecation")
  private static final ChannelOption<RecvByteBufAllocator> ACCEPT_ALLOCATOR =
      ChannelOption.RCVBUF_ALLOCATOR;

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
  private volatile boolean retiring;

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
  synchronized void open(
      EventLoopGroup group, HostPort listen, ProxyConfig settings, InheritedListeners inherited) {
    this.overrides = OverridePolicy.of(settings.overrides());
    this.settings = settings;
    if (server != null) {
      return;
    }
    AppFrontDoor app = this;
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(group)
            .option(ChannelOption.SO_REUSEADDR, true)
            .option(ACCEPT_ALLOCATOR, acceptsPerTurn())
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
                            new RetiringHandler(app),
                            new FrontDoorHandler(app));
                  }
                });
    try {
      server =
          inherited
              .take(listen)
              .map(
                  channel ->
                      bootstrap.channelFactory(() -> channel).register().syncUninterruptibly())
              .orElseGet(
                  () ->
                      bootstrap
                          .channel(transport.serverChannel())
                          .bind(listen.host(), listen.port())
                          .syncUninterruptibly())
              .channel();
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

  private static RecvByteBufAllocator acceptsPerTurn() {
    ServerChannelRecvByteBufAllocator accepts = new ServerChannelRecvByteBufAllocator();
    accepts.maxMessagesPerRead(ACCEPTS_PER_TURN);
    accepts.respectMaybeMoreData(false); // read on until the queue is empty or the limit is reached
    return accepts;
  }

  /** How the listening socket accepts: per turn of its loop, and until empty; for tests. */
  synchronized DefaultMaxMessagesRecvByteBufAllocator acceptsConfigured() {
    return server.config().getRecvByteBufAllocator();
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

  Map<Integer, RevisionStats> snapshots() {
    Map<Integer, RevisionStats> all = new TreeMap<>();
    revisions.forEach((number, state) -> all.put(number, state.snapshot()));
    return all;
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

  /** True once a new proxy process has taken the listening socket over: answers say close. */
  boolean retiring() {
    return retiring;
  }

  /** The listening socket's file descriptor, to hand to a new proxy process; -1 when none. */
  synchronized int listenerFd() {
    return server instanceof io.netty.channel.unix.UnixChannel unix ? unix.fd().intValue() : -1;
  }

  /**
   * Stops accepting (a new proxy process holds the listening socket too and goes on accepting on
   * it) and makes every further answer close its connection.
   */
  synchronized void retire() {
    retiring = true;
    if (server != null) {
      server.close().syncUninterruptibly();
      server = null;
    }
  }

  /** Client connections still open. */
  int clientConnections() {
    return clients.size();
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
