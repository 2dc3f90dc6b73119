package io.relevo.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.relevo.core.RelevoException;
import io.relevo.core.config.AppConfig;
import io.relevo.core.config.HostPort;
import io.relevo.core.engine.DeployRequest;
import io.relevo.core.engine.RollbackRequest;
import io.relevo.core.engine.RolloutEngine;
import io.relevo.core.engine.Severity;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's admin API over HTTP, on a loopback address only, every request authorized by the
 * bearer token. Each request runs on its own virtual thread; a deploy's stream holds its thread for
 * the whole rollout.
 *
 * <pre>
 * GET  /api/v1/apps                                   [AppStatus]
 * GET  /api/v1/apps/{app}                             AppStatus
 * GET  /api/v1/apps/{app}/history?limit=N             [RolloutRecord], newest first (default 20)
 * GET  /api/v1/apps/{app}/revisions                   [RevisionVerdict], newest first
 * POST /api/v1/apps/{app}/deploy    DeployBody        NDJSON of StreamLine
 * POST /api/v1/apps/{app}/check     DeployBody        GateReport: every gate judged, nothing deployed
 * POST /api/v1/apps/{app}/rollback  RollbackBody      NDJSON of StreamLine
 * POST /api/v1/apps/{app}/stop      StopBody          204
 * POST /api/v1/apps/{app}/promote   PromoteBody       204; 404 when no rollout is under way
 * POST /api/v1/apps/{app}/abort     AbortBody         204; 404 when no rollout is under way
 * POST /api/v1/apps/{app}/retry     RetryBody         NDJSON of StreamLine
 * POST /api/v1/apps/{app}/unlock    UnlockBody        UnlockAnswer; 404 when nothing holds the lock
 * POST /api/v1/apps/{app}/approve   ApproveBody       ApproveAnswer; 404 for an unknown rollout
 * GET  /api/v1/apps/{app}/backups                     [BackupView], newest first
 * POST /api/v1/apps/{app}/backups   BackupBody        BackupView: a verified backup taken now
 * POST /api/v1/apps/{app}/backups/verify DrillBody     DrillView: a restore drill
 * POST /api/v1/apps/{app}/restore   RestoreBody       NDJSON of StreamLine
 * GET  /api/v1/apps/{app}/revisions/{n}/logs?tail=100&amp;follow=false   text/plain
 * GET  /api/v1/apps/{app}/events                      text/event-stream ({@link EventsEndpoint})
 * GET  /metrics                                       Prometheus text or OpenMetrics, no token
 * </pre>
 *
 * Errors are JSON {@link ApiError}s with the status {@link ApiErrors} gives their kind.
 */
public final class ApiServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
  private static final String PREFIX = "/api/v1/apps";
  private static final Pattern APP = Pattern.compile("^/api/v1/apps/([^/]+)(/.*)?$");
  private static final Pattern LOGS = Pattern.compile("^/revisions/([0-9]{1,9})/logs$");
  private static final Pattern REVISION = Pattern.compile("^/revisions/([0-9]{1,9})$");

  private final HttpServer server;
  private final ExecutorService executor;
  private final byte[] expectedAuthorization;
  private final RolloutEngine engine;
  private final RolloutControls controls;
  private final ConfigParser parser;
  private final MetricsEndpoint metrics;
  private final EventHub events;
  private volatile boolean stopping;

  private ApiServer(
      HttpServer server,
      ExecutorService executor,
      String token,
      RolloutEngine engine,
      RolloutControls controls,
      ConfigParser parser,
      MetricsEndpoint metrics,
      EventHub events) {
    this.server = server;
    this.executor = executor;
    this.expectedAuthorization = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    this.engine = engine;
    this.controls = controls;
    this.parser = parser;
    this.metrics = metrics;
    this.events = events;
  }

  /**
   * Starts serving on {@code bind}, which must be a loopback address; port 0 picks a free port.
   *
   * @throws RelevoException BAD_INPUT for a non-loopback address or a port that another process
   *     holds, UNAVAILABLE when the port cannot be used otherwise
   */
  public static ApiServer start(
      HostPort bind, String token, RolloutEngine engine, ConfigParser parser) {
    return start(bind, token, engine, RolloutControls.of(engine), parser);
  }

  /** As {@link #start(HostPort, String, RolloutEngine, ConfigParser)}, with other controls. */
  static ApiServer start(
      HostPort bind,
      String token,
      RolloutEngine engine,
      RolloutControls controls,
      ConfigParser parser) {
    return start(bind, token, engine, controls, parser, MetricsEndpoint.none());
  }

  /** As above, serving {@code metrics} at {@code GET /metrics}. */
  static ApiServer start(
      HostPort bind,
      String token,
      RolloutEngine engine,
      RolloutControls controls,
      ConfigParser parser,
      MetricsEndpoint metrics) {
    return start(bind, token, engine, controls, parser, metrics, EventHub.detached(engine));
  }

  /** As above, streaming {@code events} at {@code GET /api/v1/apps/{app}/events}. */
  static ApiServer start(
      HostPort bind,
      String token,
      RolloutEngine engine,
      RolloutControls controls,
      ConfigParser parser,
      MetricsEndpoint metrics,
      EventHub events) {
    InetSocketAddress address = loopback(bind);
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    HttpServer server;
    try {
      server = HttpServer.create(address, 64);
    } catch (IOException e) {
      executor.close();
      if (PortInUse.causedBy(e)) {
        throw PortInUse.of("--api", bind, "--api", e);
      }
      throw new RelevoException(
          RelevoException.Kind.UNAVAILABLE,
          "--api: cannot listen on "
              + bind
              + ": "
              + e.getMessage()
              + " (pick another address with --api)",
          e);
    }
    ApiServer api =
        new ApiServer(server, executor, token, engine, controls, parser, metrics, events);
    server.createContext("/", api::handle);
    server.setExecutor(executor);
    server.start();
    log.info("admin API listening on {}", api.url());
    return api;
  }

  private static InetSocketAddress loopback(HostPort bind) {
    try {
      InetAddress address = InetAddress.getByName(bind.host());
      if (address.isLoopbackAddress()) {
        return new InetSocketAddress(address, bind.port());
      }
    } catch (IOException e) {
      // reported below
    }
    throw new RelevoException(
        RelevoException.Kind.BAD_INPUT,
        "--api: "
            + bind
            + " (expected: a loopback address like 127.0.0.1:7070; the admin API is"
            + " never served beyond this host)");
  }

  /** Where the API listens, like {@code http://127.0.0.1:7070}. */
  public URI url() {
    InetSocketAddress address = server.getAddress();
    String host = address.getAddress().getHostAddress();
    host = host.contains(":") ? "[" + host + "]" : host;
    return URI.create("http://" + host + ":" + address.getPort());
  }

  /** Stops accepting requests, ends log follows and gives running answers a second to finish. */
  @Override
  public void close() {
    stopping = true;
    events.close(); // ends the event streams, which would hold the stop for its full second
    server.stop(1);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    String what = method + " " + path;
    try (exchange) {
      if (path.equals("/metrics")) {
        // Prometheus scrapes without a token; the API listens on loopback only.
        MetricsPage.serve(exchange, method, metrics);
        return;
      }
      answer(exchange, method, path, what);
    } catch (IOException e) {
      log.debug("{}: client went away: {}", what, e.toString());
    }
  }

  private void answer(HttpExchange exchange, String method, String path, String what)
      throws IOException {
    byte[] bytes = Exchanges.readBody(exchange);
    if (!authorized(exchange)) {
      exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"relevo\"");
      Exchanges.sendJson(
          exchange,
          401,
          new ApiError(
              "UNAUTHORIZED",
              "missing or wrong bearer token (expected: Authorization: Bearer <the token in the"
                  + " agent's state dir, file token>)"));
      return;
    }
    try {
      route(exchange, method, path, bytes);
    } catch (Exception | Error e) {
      log.debug("{} failed", what, e);
      Exchanges.sendError(exchange, e, what);
    }
  }

  private boolean authorized(HttpExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    return header != null
        && MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8), expectedAuthorization);
  }

  private void route(HttpExchange exchange, String method, String path, byte[] bytes)
      throws IOException {
    if (path.equals(PREFIX) || path.equals(PREFIX + "/")) {
      requireMethod(method, "GET", path);
      Exchanges.sendJson(exchange, 200, engine.statuses());
      return;
    }
    Matcher matcher = APP.matcher(path);
    if (!matcher.matches()) {
      throw notFound(method, path);
    }
    String app = matcher.group(1);
    String rest = matcher.group(2) == null ? "" : matcher.group(2);
    Map<String, String> query = Exchanges.query(exchange);
    Matcher logs = LOGS.matcher(rest);
    switch (rest) {
      case "", "/" -> {
        requireMethod(method, "GET", path);
        Exchanges.sendJson(exchange, 200, engine.status(app));
      }
      case "/history" -> {
        requireMethod(method, "GET", path);
        int limit = Exchanges.intParam(query, "limit", 20, 1, 10_000);
        Exchanges.sendJson(exchange, 200, engine.history(app, limit));
      }
      case "/revisions" -> {
        requireMethod(method, "GET", path);
        Exchanges.sendJson(exchange, 200, engine.revisions(app));
      }
      case "/deploy" -> {
        requireMethod(method, "POST", path);
        DeployRequest request = deployRequest(bytes, app, "deploy");
        RolloutStream.run(exchange, app, "deploy of " + app, l -> engine.deploy(request, l));
      }
      case "/check" -> {
        requireMethod(method, "POST", path);
        Exchanges.sendJson(exchange, 200, engine.check(deployRequest(bytes, app, "check")));
      }
      case "/rollback" -> {
        requireMethod(method, "POST", path);
        RollbackBody body = Exchanges.readJson(bytes, RollbackBody.class);
        RollbackRequest request =
            new RollbackRequest(
                app,
                body.toRevision(),
                body.actor(),
                body.reason(),
                body.force(),
                body.withRestore(),
                body.severity() == null ? null : Severity.parse(body.severity()),
                body.now());
        RolloutStream.run(exchange, app, "rollback of " + app, l -> engine.rollback(request, l));
      }
      case "/stop" -> {
        requireMethod(method, "POST", path);
        StopBody body = Exchanges.readJson(bytes, StopBody.class);
        engine.stop(app, actor(body.actor()));
        Exchanges.sendNoContent(exchange);
      }
      case "/promote" -> {
        requireMethod(method, "POST", path);
        PromoteBody body = Exchanges.readJson(bytes, PromoteBody.class);
        controls.promote(app, body.isFull(), actor(body.actor()));
        Exchanges.sendNoContent(exchange);
      }
      case "/abort" -> {
        requireMethod(method, "POST", path);
        AbortBody body = Exchanges.readJson(bytes, AbortBody.class);
        controls.abort(app, actor(body.actor()), body.reason() == null ? "" : body.reason());
        Exchanges.sendNoContent(exchange);
      }
      case "/retry" -> {
        requireMethod(method, "POST", path);
        RetryBody body = Exchanges.readJson(bytes, RetryBody.class);
        String actor = actor(body.actor());
        RolloutStream.run(exchange, app, "retry of " + app, l -> controls.retry(app, actor, l));
      }
      case "/approve" -> {
        requireMethod(method, "POST", path);
        ApproveBody body = Exchanges.readJson(bytes, ApproveBody.class);
        String state = engine.approve(app, body.rollout(), actor(body.actor()));
        Exchanges.sendJson(exchange, 200, new ApproveAnswer(state));
      }
      case "/unlock" -> {
        requireMethod(method, "POST", path);
        UnlockBody body = Exchanges.readJson(bytes, UnlockBody.class);
        String released = engine.unlock(app, actor(body.actor()), body.reason());
        Exchanges.sendJson(exchange, 200, new UnlockAnswer(released));
      }
      case "/events" -> {
        requireMethod(method, "GET", path);
        EventsEndpoint.serve(exchange, events, app, query);
      }
      case "/backups" -> BackupsApi.route(exchange, bytes, method, engine, app);
      case "/backups/verify" -> {
        requireMethod(method, "POST", path);
        BackupsApi.verify(exchange, bytes, engine, app);
      }
      case "/restore" -> {
        requireMethod(method, "POST", path);
        BackupsApi.restore(exchange, bytes, engine, app);
      }
      default -> {
        Matcher oneRevision = REVISION.matcher(rest);
        if (oneRevision.matches()) {
          requireMethod(method, "GET", path);
          Exchanges.sendJson(
              exchange,
              200,
              RevisionConfigView.of(engine.revision(app, Integer.parseInt(oneRevision.group(1)))));
          return;
        }
        if (!logs.matches()) {
          throw notFound(method, path);
        }
        requireMethod(method, "GET", path);
        int revision = Integer.parseInt(logs.group(1));
        int tail = Exchanges.intParam(query, "tail", 100, 0, 100_000);
        boolean follow = Exchanges.boolParam(query, "follow");
        LogStream.send(exchange, engine.logFile(app, revision), tail, follow, () -> stopping);
      }
    }
  }

  private DeployRequest deployRequest(byte[] bytes, String app, String what) {
    DeployBody body = Exchanges.readJson(bytes, DeployBody.class);
    if (body.configFile() == null || body.configText() == null) {
      throw new RelevoException(
          RelevoException.Kind.BAD_INPUT,
          what
              + " of "
              + app
              + ": configFile and configText are required (expected: the path and"
              + " text of its relevo.yml)");
    }
    Path configFile = Path.of(body.configFile()).toAbsolutePath();
    AppConfig config = parser.parse(body.configFile(), body.configText());
    if (!config.app().equals(app)) {
      throw new RelevoException(
          RelevoException.Kind.BAD_INPUT,
          "app: \""
              + config.app()
              + "\" in "
              + body.configFile()
              + " (expected: \""
              + app
              + "\", the app named in the request)");
    }
    return new DeployRequest(
        config,
        configFile.getParent(),
        body.version(),
        body.actor(),
        body.reason(),
        body.force(),
        body.overrides() == null ? null : java.util.Set.copyOf(body.overrides()),
        body.allowDestructive());
  }

  private static String actor(String actor) {
    return actor == null || actor.isBlank() ? "unknown" : actor;
  }

  private static void requireMethod(String method, String expected, String path) {
    if (!method.equals(expected)) {
      throw new RelevoException(
          RelevoException.Kind.BAD_INPUT,
          method + " " + path + ": method not allowed (expected: " + expected + ")");
    }
  }

  private static RelevoException notFound(String method, String path) {
    return new RelevoException(
        RelevoException.Kind.NOT_FOUND,
        "no API at " + method + " " + path + " (expected: a path under " + PREFIX + ")");
  }
}
