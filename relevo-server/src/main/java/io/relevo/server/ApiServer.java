package io.relevo.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsServer;
import io.relevo.core.RelevoException;
import io.relevo.core.config.HostPort;
import io.relevo.core.engine.DeployRequest;
import io.relevo.core.engine.RollbackRequest;
import io.relevo.core.engine.RolloutEngine;
import io.relevo.core.engine.Severity;
import io.relevo.server.v1.AbortBody;
import io.relevo.server.v1.AppView;
import io.relevo.server.v1.ApproveAnswer;
import io.relevo.server.v1.ApproveBody;
import io.relevo.server.v1.GateReportView;
import io.relevo.server.v1.PromoteBody;
import io.relevo.server.v1.RetryBody;
import io.relevo.server.v1.RevisionConfigView;
import io.relevo.server.v1.RollbackBody;
import io.relevo.server.v1.RolloutView;
import io.relevo.server.v1.StopBody;
import io.relevo.server.v1.UnlockAnswer;
import io.relevo.server.v1.UnlockBody;
import io.relevo.server.v1.VerdictView;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's admin API: plain HTTP on a loopback address, or HTTPS anywhere ({@link ApiListener});
 * every request authorized by its bearer token and the role the endpoint needs ({@link Access}).
 * Each request runs on its own virtual thread; a deploy's stream holds its thread for the whole
 * rollout.
 *
 * <pre>
 * GET  /api/v1/apps                                   [AppView]
 * GET  /api/v1/apps/{app}                             AppView
 * GET  /api/v1/apps/{app}/history?limit=N             [RolloutView], newest first (default 20)
 * GET  /api/v1/apps/{app}/revisions                   [VerdictView], newest first
 * GET  /api/v1/apps/{app}/revisions/{n}               RevisionConfigView
 * POST /api/v1/apps/{app}/deploy    DeployBody        NDJSON of StreamLine
 * POST /api/v1/apps/{app}/check     DeployBody        GateReportView: every gate judged, nothing deployed
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
 * GET  /metrics                                       Prometheus text or OpenMetrics; no token
 *                                                     from this host, a viewer's from others
 * GET  /api/v1/whoami, /api/v1/tokens...              see {@link TokensApi}
 * GET  /api/v1/openapi.json, /api/v1/openapi.yaml     this API's OpenAPI 3.1 document, no token
 * </pre>
 *
 * Request and answer bodies are the wire types of {@link io.relevo.server.v1}, never the engine's
 * records. Errors are RFC 9457 problem details ({@link io.relevo.server.v1.Problem}) with the
 * status {@link ApiErrors} gives their kind; the document {@code openapi/relevo-v1.yaml} describes
 * it all, and {@code OpenApiContractTest} holds the answers to it.
 */
public final class ApiServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
  private static final String PREFIX = "/api/v1/apps";
  private static final Pattern APP = Pattern.compile("^/api/v1/apps/([^/]+)(/.*)?$");
  private static final Pattern LOGS = Pattern.compile("^/revisions/([0-9]{1,9})/logs$");
  private static final Pattern REVISION = Pattern.compile("^/revisions/([0-9]{1,9})$");

  private final HttpServer server;
  private final ExecutorService executor;
  private final Access access;
  private final RolloutEngine engine;
  private final RolloutControls controls;
  private final ConfigParser parser;
  private final MetricsEndpoint metrics;
  private final EventHub events;
  private volatile boolean stopping;

  private ApiServer(HttpServer server, ExecutorService executor, ApiParts parts) {
    this.server = server;
    this.executor = executor;
    this.access = parts.access();
    this.engine = parts.engine();
    this.controls = parts.controls();
    this.parser = parts.parser();
    this.metrics = parts.metrics();
    this.events = parts.events();
  }

  /**
   * Starts serving on {@code bind}, which must be a loopback address, to callers with {@code
   * token}; port 0 picks a free port.
   *
   * @throws RelevoException BAD_INPUT for a non-loopback address or a port that another process
   *     holds, UNAVAILABLE when the port cannot be used otherwise
   */
  public static ApiServer start(
      HostPort bind, String token, RolloutEngine engine, ConfigParser parser) {
    return start(bind, ApiTls.OFF, ApiParts.of(token, engine, parser));
  }

  /**
   * Starts serving {@code parts} on {@code bind}, with TLS when {@code tls} is enabled (required
   * beyond loopback).
   *
   * @throws RelevoException as {@link #start(HostPort, String, RolloutEngine, ConfigParser)}, and
   *     BAD_INPUT for a certificate or key that cannot be used
   */
  static ApiServer start(HostPort bind, ApiTls tls, ApiParts parts) {
    HttpServer server = ApiListener.open(bind, tls);
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    ApiServer api = new ApiServer(server, executor, parts);
    server.createContext("/", api::handle);
    server.setExecutor(executor);
    server.start();
    log.info(
        "admin API listening on {} ({})",
        api.url(),
        tls.enabled()
            ? "TLS on, certificate " + PemIdentity.subject(PemIdentity.certificates(tls.cert())[0])
            : "TLS off: loopback only");
    return api;
  }

  /** Where the API listens, like {@code http://127.0.0.1:7070}. */
  public URI url() {
    InetSocketAddress address = server.getAddress();
    String host = address.getAddress().getHostAddress();
    host = host.contains(":") ? "[" + host + "]" : host;
    String scheme = server instanceof HttpsServer ? "https" : "http";
    return URI.create(scheme + "://" + host + ":" + address.getPort());
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
        if (access.admitsMetrics(exchange, method, what)) {
          MetricsPage.serve(exchange, method, metrics);
        }
        return;
      }
      if (OpenApiDocument.serves(path)) {
        OpenApiDocument.serve(exchange, method, path); // the API's description, no token
        return;
      }
      if (DashboardPages.serve(exchange, method, path)) {
        return; // static files, no token
      }
      answer(exchange, method, path, what);
    } catch (IOException e) {
      log.debug("{}: client went away: {}", what, e.toString());
    }
  }

  private void answer(HttpExchange exchange, String method, String path, String what)
      throws IOException {
    byte[] bytes;
    try {
      bytes = Exchanges.readBody(exchange);
    } catch (HttpProblem tooLarge) {
      Exchanges.refuseTooLarge(exchange, tooLarge, what);
      return;
    }
    Optional<Caller> caller = access.admitOrAnswer(exchange, method, path, what);
    if (caller.isEmpty()) {
      return;
    }
    try {
      route(exchange, method, path, bytes, caller.get());
    } catch (Exception | Error e) {
      log.debug("{} failed", what, e);
      Exchanges.sendError(exchange, e, what);
    }
  }

  private void route(HttpExchange exchange, String method, String path, byte[] bytes, Caller caller)
      throws IOException {
    if (TokensApi.serves(path)) {
      TokensApi.route(exchange, method, path, bytes, caller, access);
      return;
    }
    if (path.equals(PREFIX) || path.equals(PREFIX + "/")) {
      requireMethod(method, "GET", path);
      Exchanges.sendJson(exchange, 200, engine.statuses().stream().map(AppView::of).toList());
      return;
    }
    Matcher matcher = APP.matcher(path);
    if (!matcher.matches()) {
      throw ApiPaths.notFound(method, path);
    }
    String app = matcher.group(1);
    String rest = matcher.group(2) == null ? "" : matcher.group(2);
    Map<String, String> query = Exchanges.query(exchange);
    Matcher logs = LOGS.matcher(rest);
    switch (rest) {
      case "", "/" -> {
        requireMethod(method, "GET", path);
        Exchanges.sendJson(exchange, 200, AppView.of(engine.status(app)));
      }
      case "/history" -> {
        requireMethod(method, "GET", path);
        int limit = Exchanges.intParam(query, "limit", 20, 1, 10_000);
        Exchanges.sendJson(
            exchange, 200, engine.history(app, limit).stream().map(RolloutView::of).toList());
      }
      case "/revisions" -> {
        requireMethod(method, "GET", path);
        Exchanges.sendJson(
            exchange, 200, engine.revisions(app).stream().map(VerdictView::of).toList());
      }
      case "/deploy" -> {
        requireMethod(method, "POST", path);
        DeployRequest request = DeployRequests.read(parser, bytes, app, "deploy", caller);
        RolloutStream.run(exchange, app, "deploy of " + app, l -> engine.deploy(request, l));
      }
      case "/check" -> {
        requireMethod(method, "POST", path);
        Exchanges.sendJson(
            exchange,
            200,
            GateReportView.of(
                engine.check(DeployRequests.read(parser, bytes, app, "check", caller))));
      }
      case "/rollback" -> {
        requireMethod(method, "POST", path);
        RollbackBody body = Exchanges.readJson(bytes, RollbackBody.class);
        RollbackRequest request =
            new RollbackRequest(
                app,
                body.toRevision(),
                caller.actor(body.actor()),
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
        engine.stop(app, caller.actor(body.actor()));
        Exchanges.sendNoContent(exchange);
      }
      case "/promote" -> {
        requireMethod(method, "POST", path);
        PromoteBody body = Exchanges.readJson(bytes, PromoteBody.class);
        controls.promote(app, body.wantsFull(), caller.actor(body.actor()));
        Exchanges.sendNoContent(exchange);
      }
      case "/abort" -> {
        requireMethod(method, "POST", path);
        AbortBody body = Exchanges.readJson(bytes, AbortBody.class);
        controls.abort(app, caller.actor(body.actor()), body.reason() == null ? "" : body.reason());
        Exchanges.sendNoContent(exchange);
      }
      case "/retry" -> {
        requireMethod(method, "POST", path);
        RetryBody body = Exchanges.readJson(bytes, RetryBody.class);
        String actor = caller.actor(body.actor());
        RolloutStream.run(exchange, app, "retry of " + app, l -> controls.retry(app, actor, l));
      }
      case "/approve" -> {
        requireMethod(method, "POST", path);
        ApproveBody body = Exchanges.readJson(bytes, ApproveBody.class);
        String state = engine.approve(app, body.rollout(), caller.actor(body.actor()));
        Exchanges.sendJson(exchange, 200, new ApproveAnswer(state));
      }
      case "/unlock" -> {
        requireMethod(method, "POST", path);
        UnlockBody body = Exchanges.readJson(bytes, UnlockBody.class);
        String released = engine.unlock(app, caller.actor(body.actor()), body.reason());
        Exchanges.sendJson(exchange, 200, new UnlockAnswer(released));
      }
      case "/events" -> {
        requireMethod(method, "GET", path);
        EventsEndpoint.serve(exchange, events, app, query);
      }
      case "/backups" -> BackupsApi.route(exchange, bytes, method, engine, app, caller);
      case "/backups/verify" -> {
        requireMethod(method, "POST", path);
        BackupsApi.verify(exchange, bytes, engine, app);
      }
      case "/restore" -> {
        requireMethod(method, "POST", path);
        BackupsApi.restore(exchange, bytes, engine, app, caller);
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
          throw ApiPaths.notFound(method, path);
        }
        requireMethod(method, "GET", path);
        int revision = Integer.parseInt(logs.group(1));
        int tail = Exchanges.intParam(query, "tail", 100, 0, 100_000);
        boolean follow = Exchanges.boolParam(query, "follow");
        LogStream.send(exchange, engine.logFile(app, revision), tail, follow, () -> stopping);
      }
    }
  }

  private static void requireMethod(String method, String expected, String path) {
    if (!method.equals(expected)) {
      throw HttpProblem.methodNotAllowed(method, path, expected);
    }
  }
}
