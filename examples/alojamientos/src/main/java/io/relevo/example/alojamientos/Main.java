package io.relevo.example.alojamientos;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * The alojamientos demo service: {@code java -jar alojamientos.jar}, configured by environment
 * variables (see {@link Behaviour#fromEnv} and {@code PORT}, default {@value #DEFAULT_PORT}).
 *
 * <p>Exit codes: 143 after SIGTERM (the JVM's usual 128 + 15, once the shutdown hook has let
 * in-flight requests finish), 1 when the behaviour says to fail at start or the port is taken, 2
 * for a bad setting.
 */
public final class Main {
  public static final int DEFAULT_PORT = 8000;

  private Main() {}

  public static void main(String[] args) {
    Behaviour behaviour;
    int port;
    try {
      behaviour = Behaviour.fromEnv(System.getenv());
      port = port(System.getenv("PORT"));
    } catch (IllegalArgumentException e) {
      System.err.println("alojamientos: bad setting: " + e.getMessage());
      System.exit(2);
      return;
    }
    App app;
    try {
      app = start(behaviour, port);
    } catch (IllegalStateException | IOException e) {
      System.err.println(
          "alojamientos " + behaviour.version() + ": cannot start: " + e.getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(app::close, "alojamientos-shutdown"));
    System.out.println(behaviour.describe(app.port()));
    System.out.flush();
  }

  /**
   * Starts the service on {@code behaviour.host()} and {@code port} (0 picks a free one), after
   * {@code behaviour.startupMs()}.
   *
   * @throws IllegalStateException when {@code behaviour.failStart()} is set, before listening
   * @throws IOException when the port cannot be bound
   */
  public static App start(Behaviour behaviour, int port) throws IOException {
    return start(behaviour, port, () -> ThreadLocalRandom.current().nextDouble());
  }

  /** As {@link #start(Behaviour, int)}, with the source of the error-ratio draws given. */
  static App start(Behaviour behaviour, int port, DoubleSupplier random) throws IOException {
    if (behaviour.failStart()) {
      throw new IllegalStateException(
          "version "
              + behaviour.version()
              + " is set to fail at start (ALOJ_FAIL_START=1 or a -crash version); exiting");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port: " + port + " (expected: 0..65535)");
    }
    if (behaviour.startupMs() > 0) {
      try {
        Thread.sleep(behaviour.startupMs());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted during the simulated slow start", e);
      }
    }
    Bookings bookings = Bookings.seeded();
    Metrics metrics = new Metrics(behaviour.version());
    PrereservationsHandler prereservations = new PrereservationsHandler(bookings);
    Router router =
        new Router()
            .add("GET", "/api/v1/accommodations", new AccommodationsHandler(bookings))
            .add("POST", "/api/v1/prereservations", prereservations.create())
            .add("GET", "/api/v1/prereservations", prereservations.list())
            .add("GET", "/api/v1/healthz", new HealthHandler(behaviour, bookings))
            .add("GET", "/api/v1/version", new VersionHandler(behaviour.version()))
            .add("GET", "/metrics", new MetricsHandler(metrics));

    HttpServer server = HttpServer.create(new InetSocketAddress(behaviour.host(), port), 128);
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    server.setExecutor(executor);
    server.createContext("/", new Frontdoor(behaviour, router, metrics, random));
    server.start();
    return new App(server, executor, behaviour);
  }

  private static int port(String value) {
    if (value == null || value.isBlank()) {
      return DEFAULT_PORT;
    }
    try {
      int port = Integer.parseInt(value.strip());
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // fall through to the message below
    }
    throw new IllegalArgumentException("PORT: '" + value + "' (expected: a port number 0..65535)");
  }
}
