package io.relevo.server;

import io.relevo.core.RelevoException;
import io.relevo.core.engine.RolloutEngine;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relevo agent: the history store, the proxy's front doors, the runtime and the rollout engine,
 * served by the admin API on a loopback address.
 *
 * <p>Starting: locks the state dir ({@link AgentLock}), refusing one that a live agent owns and
 * taking over from one that died; opens the parts; lets the engine {@code recover()} what the last
 * agent left (revisions still running, routing, unfinished rollouts); ticks the engine every
 * second; serves the API; then writes a fresh {@code token} (mode 0600) and {@code agent.json} so
 * the CLI can find it.
 *
 * <p>The front doors live in a proxy process of their own ({@link ProxyProcess}), which the agent
 * starts or re-adopts and restarts if it dies. Stopping ({@link #close()}): closes the API and the
 * store, stops watching the proxy process, and deletes {@code agent.json}, then releases the lock.
 * It <em>leaves revision processes and the front doors running</em>: the next agent on the same
 * state dir adopts them, and clients are served meanwhile. Use {@code relevo stop APP} before
 * stopping the agent to stop an app for good.
 */
public final class Agent implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Agent.class);

  /** How often the engine reaps warm revisions and notices crashed ones. */
  static final long TICK_MILLIS = 1000;

  private final StateDir stateDir;
  private final AgentLock lock;
  private final AgentParts parts;
  private final ApiServer api;
  private final ScheduledExecutorService ticker;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final CountDownLatch closedLatch = new CountDownLatch(1);

  private Agent(
      StateDir stateDir,
      AgentLock lock,
      AgentParts parts,
      ApiServer api,
      ScheduledExecutorService ticker) {
    this.stateDir = stateDir;
    this.lock = lock;
    this.parts = parts;
    this.api = api;
    this.ticker = ticker;
  }

  /**
   * Starts an agent with the production parts.
   *
   * @throws RelevoException CONFLICT when a live agent owns the state dir, BAD_INPUT for a
   *     non-loopback API address or an API port in use, UNAVAILABLE when the state dir cannot be
   *     used
   */
  public static Agent start(AgentOptions options) {
    return start(options, new RealWiring());
  }

  static Agent start(AgentOptions options, AgentParts.Wiring wiring) {
    StateDir stateDir = options.stateDir();
    ApiListener.check(options.api(), options.tls()); // before anything starts
    // Jackson's mapper (agent.json, proxy.json) and the status answers' serializers, meanwhile
    Thread.ofPlatform().daemon().name("relevo-json-warm-up").start(JsonWarmUp::run);
    stateDir.create();
    AgentLock lock = AgentLock.acquire(stateDir);
    List<AutoCloseable> opened = new ArrayList<>(List.of(lock));
    try {
      takeOver(stateDir, lock);
      AgentParts parts = wiring.wire(stateDir);
      opened.addAll(parts.closeables());
      parts.engine().recover();
      ScheduledExecutorService ticker =
          Executors.newSingleThreadScheduledExecutor(
              r -> Thread.ofPlatform().daemon().name("relevo-tick").unstarted(r));
      opened.add(ticker::shutdownNow);
      ticker.scheduleWithFixedDelay(
          new Ticker(parts.engine()), TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
      String token = newToken();
      ApiServer api =
          ApiServer.start(
              options.api(),
              options.tls(),
              new ApiParts(
                  Access.of(token, parts.tokens(), InstantSource.system()),
                  parts.engine(),
                  RolloutControls.of(parts.engine()),
                  parts.parser(),
                  parts.metrics(),
                  parts.events()));
      opened.add(api);
      stateDir.writeToken(token);
      stateDir.writeAgentFile(AgentFile.ofThisProcess(ApiListener.localUrl(api.url()).toString()));
      log.info("agent up: API {}, state dir {}", api.url(), stateDir.path());
      return new Agent(stateDir, lock, parts, api, ticker);
    } catch (IOException e) {
      closeAll(opened, e);
      throw new RelevoException(
          RelevoException.Kind.UNAVAILABLE,
          "state dir " + stateDir.path() + ": cannot write agent.json or token: " + e,
          e);
    } catch (RuntimeException | Error e) {
      closeAll(opened, e);
      throw e;
    }
  }

  /**
   * With the lock held: takes over from an agent that died without stopping cleanly, with one log
   * line naming it, and deletes the {@code agent.json} it left so no client reaches for its API. An
   * {@code agent.json} of a live process that never took the lock (an agent of an older relevo) is
   * refused; one written by the lock's last holder is not, even if its pid still shows (a killed
   * process that its parent has not reaped yet), because the kernel released the lock at its end.
   */
  private static void takeOver(StateDir stateDir, AgentLock lock) throws IOException {
    Optional<AgentFile> previous = lock.previous();
    Optional<AgentFile> file = stateDir.readAgentFile();
    boolean fromLockHolder =
        file.isPresent() && previous.isPresent() && file.get().pid() == previous.get().pid();
    if (file.isPresent()
        && !fromLockHolder
        && file.get().pid() != ProcessHandle.current().pid()
        && file.get().ownerAlive()) {
      throw StateDirOwned.by(stateDir, file);
    }
    Optional<AgentFile> dead = previous.or(() -> file);
    if (dead.isPresent()) {
      log.warn(
          "state dir {}: the last agent ({}) is no longer running and did not stop cleanly;"
              + " taking over",
          stateDir.display(),
          dead.get().describe());
    }
    Files.deleteIfExists(stateDir.agentFile());
  }

  private static String newToken() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public URI url() {
    return api.url();
  }

  public StateDir stateDir() {
    return stateDir;
  }

  public RolloutEngine engine() {
    return parts.engine();
  }

  /** Blocks until {@link #close()} has finished. */
  public void awaitClosed() throws InterruptedException {
    closedLatch.await();
  }

  /** Stops the agent; revision processes keep running (see the class comment). Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    log.info(
        "agent stopping; revisions and front doors keep running and are adopted by the next agent");
    try {
      ticker.shutdownNow();
      api.close();
      try {
        Files.deleteIfExists(stateDir.agentFile());
        Files.deleteIfExists(stateDir.tokenFile());
      } catch (IOException e) {
        log.warn("could not delete {}: {}", stateDir.agentFile(), e.toString());
      }
      closeAll(parts.closeables(), null);
      lock.close();
    } finally {
      closedLatch.countDown();
    }
  }

  /** Closes in reverse order, adding failures to {@code primary} (or logging them without one). */
  static void closeAll(List<AutoCloseable> closeables, Throwable primary) {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      try {
        closeables.get(i).close();
      } catch (Exception e) {
        if (primary != null) {
          primary.addSuppressed(e);
        } else {
          log.warn("closing {} failed", closeables.get(i), e);
        }
      }
    }
  }

  /** Runs {@code tick()}; logs a failure once with its stack trace, repeats of it briefly. */
  private static final class Ticker implements Runnable {
    private final RolloutEngine engine;
    private String lastFailure;

    Ticker(RolloutEngine engine) {
      this.engine = engine;
    }

    @Override
    public void run() {
      try {
        engine.tick();
        lastFailure = null;
      } catch (Throwable e) { // a failed tick must not end the schedule
        String failure = e.toString();
        if (failure.equals(lastFailure)) {
          log.debug("tick failed again: {}", failure);
        } else {
          log.error("tick failed (this is a bug)", e);
        }
        lastFailure = failure;
      }
    }
  }
}
