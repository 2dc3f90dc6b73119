package io.relevo.example.alojamientos;

import com.sun.net.httpserver.HttpServer;
import java.time.Duration;
import java.util.concurrent.ExecutorService;

/** A running server; {@link #close()} stops it. Made by {@link Main#start}. */
public final class App implements AutoCloseable {
  /** How long {@link #close()} lets in-flight requests finish before cutting them off. */
  public static final Duration GRACE = Duration.ofSeconds(2);

  private final HttpServer server;
  private final ExecutorService executor;
  private final Behaviour behaviour;

  App(HttpServer server, ExecutorService executor, Behaviour behaviour) {
    this.server = server;
    this.executor = executor;
    this.behaviour = behaviour;
  }

  /** The port the server listens on; the real one when started on port 0. */
  public int port() {
    return server.getAddress().getPort();
  }

  public Behaviour behaviour() {
    return behaviour;
  }

  /**
   * Stops accepting connections, waits up to {@link #GRACE} for in-flight requests, then stops.
   * Idempotent.
   */
  @Override
  public void close() {
    // stop() returns as soon as no exchange is in flight, so an idle server stops at once.
    server.stop((int) GRACE.toSeconds());
    executor.close();
  }
}
