package io.relevo.proxy;

import io.netty.channel.EventLoopGroup;
import io.relevo.core.config.HostPort;
import io.relevo.core.config.ProxyConfig;
import io.relevo.core.metrics.MetricsSource;
import io.relevo.core.metrics.RevisionStats;
import io.relevo.core.routing.DrainResult;
import io.relevo.core.routing.Router;
import io.relevo.core.routing.TrafficSplit;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in HTTP/1.1 reverse proxy: one front door per app, weighted routing between revisions,
 * draining, and per-revision counters. All apps share one event loop group.
 *
 * <p>A request goes, when the app's {@code proxy.overrides} let its sender choose (a token or an
 * allowed network), to the revision its override header or cookie names if that revision is in the
 * split (even at weight 0); else, with stickiness on, to the revision of its signed {@code
 * relevo_rev} cookie while that has weight above 0; else to the next slot of a smooth weighted
 * round-robin. A GET, HEAD or OPTIONS without a body that a revision other than the stable one (the
 * split's first) refuses or drops before answering goes once to the stable revision, unless the
 * override pinned it. The front door refuses oversized and ambiguous requests and slow clients
 * ({@link RequestLimits}, {@link ClientTimeouts}); docs/PROXY.md has the limits. Thread-safe.
 */
public final class Proxy implements Router, MetricsSource, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Proxy.class);

  private final Transport transport;
  private final EventLoopGroup group;
  private final ConcurrentMap<String, AppFrontDoor> apps = new ConcurrentHashMap<>();
  private volatile InheritedListeners inherited = InheritedListeners.none();

  private Proxy(Transport transport, EventLoopGroup group) {
    this.transport = transport;
    this.group = group;
  }

  /**
   * Starts the event loops; no app is open yet. The transport is the one {@code
   * RELEVO_PROXY_TRANSPORT} (or {@code -Drelevo.proxy.transport}) names, else epoll where it loads,
   * else NIO.
   *
   * @throws io.relevo.core.RelevoException BAD_INPUT when the named transport is unknown or does
   *     not load here
   */
  public static Proxy start(ProxyOptions options) {
    return start(options, List.of());
  }

  /**
   * Starts the event loops to serve the listening sockets {@code inheritedFds} taken over from
   * another proxy process ({@link ListenerHandoff#receive}): each front door opened on the address
   * of one of them accepts on it instead of binding. Until {@link #closeUninherited()}, this
   * process holds them. A transport that cannot adopt sockets gives way to epoll.
   */
  public static Proxy start(ProxyOptions options, List<Integer> inheritedFds) {
    Proxy proxy = start(options, Transport.chosen().adopting(inheritedFds));
    if (!inheritedFds.isEmpty()) {
      proxy.inherited = InheritedListeners.of(inheritedFds);
    }
    return proxy;
  }

  /** Starts the event loops on {@code transport}. */
  static Proxy start(ProxyOptions options, Transport transport) {
    log.info(
        "proxy transport: {} ({}), {} event loop thread(s)",
        transport.name(),
        transport.reason(),
        options.threads());
    return new Proxy(transport, transport.newGroup(options.threads()));
  }

  /** Starts with {@link ProxyOptions#defaults()}. */
  public static Proxy start() {
    return start(ProxyOptions.defaults());
  }

  /** "io_uring", "epoll" or "nio". */
  public String transport() {
    return transport.name();
  }

  /**
   * Binds the app's front door; idempotent (a second call only updates the settings for new
   * requests). Port 0 picks a free port: see {@link #boundPort(String)}.
   *
   * @throws io.relevo.core.RelevoException UNAVAILABLE when the address cannot be bound
   */
  @Override
  public void open(String app, HostPort listen, ProxyConfig settings) {
    Objects.requireNonNull(listen, "listen");
    appOf(app).open(group, listen, settings == null ? ProxyConfig.defaults() : settings, inherited);
  }

  /** The port the app's front door listens on. */
  public int boundPort(String app) {
    AppFrontDoor door = apps.get(app);
    if (door == null) {
      throw new IllegalStateException("app " + app + ": not open (expected: open() first)");
    }
    return door.boundPort();
  }

  /** Allowed before {@link #open}: the split is kept and used once the front door opens. */
  @Override
  public void route(String app, TrafficSplit split) {
    appOf(app).route(Objects.requireNonNull(split, "split"));
  }

  /** The split in force; {@link TrafficSplit#none()} for an app never routed. */
  @Override
  public TrafficSplit current(String app) {
    AppFrontDoor door = apps.get(app);
    return door == null ? TrafficSplit.none() : door.split().split();
  }

  /**
   * Blocks until the revision has no request in flight or {@code timeout} has passed; answers the
   * remaining ones 504 (or closes their client connection if their response has started), then
   * closes the idle pooled connections to the revision unless another split entry still uses its
   * endpoint.
   */
  @Override
  public DrainResult drain(String app, int revision, Duration timeout) {
    AppFrontDoor door = apps.get(app);
    return door == null ? new DrainResult(0, 0, Duration.ZERO) : door.drain(revision, timeout);
  }

  /** Closes the app's front door and connections and forgets its split and counters. */
  @Override
  public void close(String app) {
    AppFrontDoor door = apps.remove(app);
    if (door != null) {
      door.close();
    }
  }

  /**
   * Cumulative counters of the revision, and the ages of its requests in flight now. Latency is the
   * time from the request's headers reaching the proxy to the last byte of the revision's response
   * leaving it for the client, in microseconds; 502s and 504s the proxy wrote count as connect
   * failures and timeouts, not in the status classes; requests the revision failed before answering
   * that the stable revision then answered count as retried here and as answers there.
   */
  @Override
  public RevisionStats snapshot(String app, int revision) {
    AppFrontDoor door = apps.get(app);
    RevisionState state = door == null ? null : door.revision(revision);
    return state == null ? RevisionStats.empty() : state.snapshot();
  }

  /**
   * The counters of every revision the app has routed to, by revision number, in one call: what
   * {@link #snapshot} gives for each.
   */
  public Map<Integer, RevisionStats> snapshots(String app) {
    AppFrontDoor door = apps.get(app);
    return door == null ? Map.of() : door.snapshots();
  }

  /** The names of the apps the proxy holds (open or only routed). */
  public Set<String> apps() {
    return Set.copyOf(apps.keySet());
  }

  /** Closes the inherited listening sockets that no front door took. */
  public void closeUninherited() {
    inherited.closeRest();
    inherited = InheritedListeners.none();
  }

  /** The open front doors' listening sockets, as file descriptors of this process. */
  public List<Integer> listenerFds() {
    return apps.values().stream()
        .mapToInt(AppFrontDoor::listenerFd)
        .filter(fd -> fd >= 0)
        .boxed()
        .toList();
  }

  /**
   * For a planned restart, once a new proxy process accepts on the listening sockets: stops
   * accepting, makes each further answer close its connection, and waits until every client
   * connection has closed or {@code timeout} has passed.
   *
   * @return the client connections still open at the end
   */
  public int retire(Duration timeout) {
    apps.values().forEach(AppFrontDoor::retire);
    long deadline = System.nanoTime() + timeout.toNanos();
    int open = apps.values().stream().mapToInt(AppFrontDoor::clientConnections).sum();
    while (open > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      open = apps.values().stream().mapToInt(AppFrontDoor::clientConnections).sum();
    }
    return open;
  }

  /** The event loops, for the hand-over socket. */
  EventLoopGroup group() {
    return group;
  }

  /** Requests now in flight to the revision. */
  public int inFlight(String app, int revision) {
    AppFrontDoor door = apps.get(app);
    RevisionState state = door == null ? null : door.revision(revision);
    return state == null ? 0 : state.drain().inFlight();
  }

  /** The app's front door, or null; for tests. */
  AppFrontDoor door(String app) {
    return apps.get(app);
  }

  /** Closes every app, then stops the event loops. */
  @Override
  public void close() {
    apps.keySet().forEach(this::close);
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private AppFrontDoor appOf(String app) {
    if (app == null || app.isBlank()) {
      throw new IllegalArgumentException("app: \"" + app + "\" (expected: an app name)");
    }
    return apps.computeIfAbsent(app, name -> new AppFrontDoor(name, transport));
  }
}
