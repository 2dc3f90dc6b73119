package io.relevo.proxy.daemon;

import io.netty.channel.Channel;
import io.relevo.core.RelevoException;
import io.relevo.proxy.ListenerHandoff;
import io.relevo.proxy.Proxy;
import io.relevo.proxy.ProxyOptions;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proxy process: the data plane of one state dir, apart from the agent so that the front doors
 * keep serving while the agent is down or restarting. It restores the saved routes, answers the
 * agent on its control socket, and records itself in {@code proxy.json}. It ends on a {@code STOP}
 * or {@code RETIRE} request, or when its state dir is deleted; not when the agent ends.
 *
 * <p>Run as {@code java -cp CLASSPATH io.relevo.proxy.daemon.ProxyDaemon STATE_DIR}; the agent does
 * that (see {@code ProxyProcess} in relevo-server).
 */
public final class ProxyDaemon implements ControlServer.ControlHandler {

  private static final Logger log = LoggerFactory.getLogger(ProxyDaemon.class);

  /** How long a proxy with nothing to serve and no agent waits before it ends. */
  static final int IDLE_SECONDS = 5;

  /**
   * The argument that makes a process a hot standby: warmed up, it waits for the serving process to
   * die and then serves in its place (see {@link Standby}).
   */
  public static final String STANDBY = "--standby";

  /** The argument that makes a new process take the running one's listening sockets over. */
  public static final String TAKE_OVER = "--take-over";

  private final Proxy proxy;
  private final RoutingState routing;
  private final ProxyPaths paths;
  private final ProxyFile self = ProxyFile.ofThisProcess();
  private volatile Channel handoff;

  private ProxyDaemon(Proxy proxy, RoutingState routing, ProxyPaths paths) {
    this.proxy = proxy;
    this.routing = routing;
    this.paths = paths;
  }

  /**
   * Runs the proxy process; any failure to start ends it with exit code 1 and one log line (the
   * event loops would otherwise keep a half-started JVM alive).
   */
  public static void main(String[] args) {
    try {
      run(args);
    } catch (RuntimeException | IOException | Error e) {
      // a RelevoException is a state to report (a bad setting, a busy port), not a bug
      String message = e instanceof RelevoException known ? known.getMessage() : e.toString();
      log.error("relevo proxy cannot start or go on: {}", message);
      System.exit(1);
    }
  }

  private static void run(String[] args) throws IOException {
    String mode = args.length == 2 ? args[1] : "";
    if (args.length < 1 || args.length > 2 || !List.of("", TAKE_OVER, STANDBY).contains(mode)) {
      System.err.println("usage: ProxyDaemon STATE_DIR [" + TAKE_OVER + " | " + STANDBY + "]");
      System.exit(2);
    }
    boolean takeOver = mode.equals(TAKE_OVER);
    ProxyPaths paths = new ProxyPaths(Path.of(args[0]));
    long start = System.nanoTime();
    // The sockets come first: the transport the proxy starts on depends on whether it adopts them.
    Takeover takeover = takeOver ? Takeover.begin(paths.socket()) : null;
    Proxy proxy =
        Proxy.start(ProxyOptions.defaults(), takeover == null ? List.of() : takeover.listeners());
    ProxyDaemon daemon =
        new ProxyDaemon(proxy, new RoutingState(proxy, new RoutesFile(paths.routes())), paths);
    if (mode.equals(STANDBY)) {
      Standby.await(paths, daemon.self, proxy);
      start = System.nanoTime();
    }
    int failed = daemon.routing.restore();
    if (takeover != null && failed > 0) {
      log.error(
          "{} front door(s) could not be taken over; the running proxy process goes on serving",
          failed);
      System.exit(1); // the old process thaws when this connection closes
    }
    proxy.closeUninherited();
    ControlServer control = ControlServer.bind(paths.socket(), daemon);
    writeProcessFile(paths.processFile(), daemon.self);
    if (takeover != null) {
      takeover.retireOld();
    }
    log.info(
        "relevo proxy up: pid {}, {} transport, control socket {}, {} app(s) restored in {} ms",
        daemon.self.pid(),
        proxy.transport(),
        paths.socket(),
        proxy.apps().size(),
        (System.nanoTime() - start) / 1_000_000);
    watch(paths, control, daemon.routing, daemon.self);
  }

  @Override
  public ControlReply handle(ControlRequest request) {
    try {
      return switch (request.op()) {
        case PING, STOP, RETIRE, WATCH, SPARE -> ControlReply.of(self);
        case OPEN ->
            ControlReply.opened(routing.open(app(request), request.listen(), request.settings()));
        case ROUTE -> {
          routing.route(app(request), request.split());
          yield ControlReply.ok();
        }
        case CURRENT -> ControlReply.of(proxy.current(app(request)));
        case DRAIN ->
            ControlReply.of(proxy.drain(app(request), request.revision(), request.timeout()));
        case CLOSE -> {
          routing.close(app(request));
          yield ControlReply.ok();
        }
        case STATS ->
            request.compactStats()
                ? ControlReply.compact(proxy.snapshots(app(request)), self)
                : ControlReply.of(proxy.snapshots(app(request)), self);
        case FREEZE -> freeze();
      };
    } catch (RoutingState.Frozen e) {
      return ControlReply.handingOver();
    }
  }

  private ControlReply freeze() {
    routing.freeze();
    if (!ListenerHandoff.available()) {
      return ControlReply.frozen(self, null);
    }
    Path socket = paths.stateDir().resolve("proxy-fds." + self.pid() + ".sock");
    try {
      if (handoff == null) {
        handoff = ListenerHandoff.serve(proxy, socket);
      }
      log.info("a new proxy process is taking over; handing the listening sockets over");
      return ControlReply.frozen(self, socket.toString());
    } catch (IOException e) {
      routing.thaw();
      throw new RelevoException(
          RelevoException.Kind.UNAVAILABLE, "cannot hand the listening sockets over: " + e);
    }
  }

  @Override
  public void afterReply(ControlRequest request) {
    if (request.op() == ControlRequest.Op.STOP) {
      log.info("relevo proxy stopping on request; its front doors close with it");
      deleteProcessFileIfMine(paths, self);
      System.exit(0); // the routes file stays for the next proxy
    }
    if (request.op() == ControlRequest.Op.RETIRE) {
      Thread.ofPlatform().name("relevo-proxy-retire").start(this::retire);
    }
  }

  @Override
  public void connectionClosed(Set<ControlRequest.Op> seen) {
    if (seen.contains(ControlRequest.Op.FREEZE) && !seen.contains(ControlRequest.Op.RETIRE)) {
      log.warn("the new proxy process gave up taking over; this one goes on");
      routing.thaw();
    }
  }

  private void retire() {
    long start = System.nanoTime();
    if (handoff != null) {
      handoff.close();
      try {
        Files.deleteIfExists(paths.stateDir().resolve("proxy-fds." + self.pid() + ".sock"));
      } catch (IOException e) {
        // a stale socket file harms no one
      }
    }
    int left = proxy.retire(routing.longestDrain());
    log.info(
        "retired: stopped accepting, connections drained in {} ms ({} still open); exiting",
        (System.nanoTime() - start) / 1_000_000,
        left);
    System.exit(0);
  }

  private static String app(ControlRequest request) {
    if (request.app() == null || request.app().isBlank()) {
      throw new RelevoException(
          RelevoException.Kind.BAD_INPUT, request.op() + ": app missing (expected: an app name)");
    }
    return request.app();
  }

  /**
   * A deliberate end says so by deleting {@code proxy.json} (unless a newer process wrote it), so
   * that a standby does not take it for a crash.
   */
  private static void deleteProcessFileIfMine(ProxyPaths paths, ProxyFile self) {
    try {
      ProxyFile named = ProxyJson.MAPPER.readValue(paths.processFile().toFile(), ProxyFile.class);
      if (named.pid() == self.pid()) {
        Files.deleteIfExists(paths.processFile());
      }
    } catch (IOException e) {
      // nothing to delete
    }
  }

  static void writeProcessFile(Path file, ProxyFile self) throws IOException {
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(temp, ProxyJson.MAPPER.writeValueAsBytes(self));
    try {
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * Ends the process when its state dir is gone (nothing left to serve: tests delete theirs), or
   * when it has had no front door open and no agent watching it for {@link #IDLE_SECONDS} (an agent
   * that failed to start, or the last app stopped before the agent). An idle end is deliberate: it
   * deletes {@code proxy.json} first, so that the standby ends too instead of serving in its place.
   */
  private static void watch(
      ProxyPaths paths, ControlServer control, RoutingState routing, ProxyFile self) {
    ScheduledExecutorService watch =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("relevo-proxy-idle").unstarted(r));
    int[] idle = {0};
    watch.scheduleWithFixedDelay(
        () -> {
          if (!Files.isDirectory(paths.stateDir())) {
            log.info("state dir {} is gone; relevo proxy ending", paths.stateDir());
            System.exit(0);
          }
          idle[0] = control.watchers() == 0 && routing.openDoors() == 0 ? idle[0] + 1 : 0;
          if (idle[0] >= IDLE_SECONDS) {
            log.info("no front door open and no agent for {} s; relevo proxy ending", IDLE_SECONDS);
            deleteProcessFileIfMine(paths, self);
            System.exit(0);
          }
        },
        1,
        1,
        TimeUnit.SECONDS);
  }
}
