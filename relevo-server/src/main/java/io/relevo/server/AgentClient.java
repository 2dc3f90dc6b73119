package io.relevo.server;

import com.fasterxml.jackson.core.type.TypeReference;
import io.relevo.core.RelevoException;
import io.relevo.server.v1.AbortBody;
import io.relevo.server.v1.AppView;
import io.relevo.server.v1.ApproveAnswer;
import io.relevo.server.v1.ApproveBody;
import io.relevo.server.v1.BackupBody;
import io.relevo.server.v1.BackupView;
import io.relevo.server.v1.DeployBody;
import io.relevo.server.v1.DrillBody;
import io.relevo.server.v1.DrillView;
import io.relevo.server.v1.GateReportView;
import io.relevo.server.v1.PromoteBody;
import io.relevo.server.v1.RestoreBody;
import io.relevo.server.v1.RetryBody;
import io.relevo.server.v1.RevisionConfigView;
import io.relevo.server.v1.RollbackBody;
import io.relevo.server.v1.RolloutEventListener;
import io.relevo.server.v1.RolloutView;
import io.relevo.server.v1.StopBody;
import io.relevo.server.v1.StreamLine;
import io.relevo.server.v1.UnlockAnswer;
import io.relevo.server.v1.UnlockBody;
import io.relevo.server.v1.VerdictView;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A typed client of the agent's admin API, as the CLI uses it. Every failure comes back as a {@link
 * RelevoException}: the agent's own errors with their kind, an agent that cannot be reached as
 * UNAVAILABLE with a message that says how to start one.
 */
public final class AgentClient {

  /** The env var that carries the token when the agent is named with {@code --agent URL}. */
  public static final String TOKEN_ENV = "RELEVO_TOKEN";

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
  static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

  private final URI url;
  private final String token;
  private final String whereToLook;
  private final AgentCredentials credentials;
  private HttpClient http; // made on first use: a plain-http GET needs none (PlainGet)

  private AgentClient(URI url, String token, String whereToLook, AgentCredentials credentials) {
    this.url = url;
    this.token = token;
    this.whereToLook = whereToLook;
    this.credentials = credentials;
  }

  private synchronized HttpClient http() {
    if (http == null) {
      http = credentials.httpClient(url, CONNECT_TIMEOUT);
    }
    return http;
  }

  /** A client of the agent at {@code url} with {@code token}. */
  public static AgentClient of(URI url, String token) {
    return of(url, token, AgentCredentials.DEFAULT);
  }

  /** A client of the agent at {@code url} with {@code token}, trusting the CA of {@code trust}. */
  public static AgentClient of(URI url, String token, AgentCredentials trust) {
    return new AgentClient(url, token, "", trust);
  }

  /**
   * Finds the agent: at {@code agentUrl} with the token from {@code RELEVO_TOKEN} (or the state
   * dir's token file) when a URL is given, else where the state dir's {@code agent.json} says.
   *
   * @throws RelevoException UNAVAILABLE when no agent runs there
   */
  public static AgentClient locate(StateDir stateDir, URI agentUrl, Map<String, String> env) {
    return locate(stateDir, agentUrl, env, AgentCredentials.DEFAULT);
  }

  /** As above, with the token and CA of {@code credentials} ({@link AgentCredentials#token}). */
  public static AgentClient locate(
      StateDir stateDir, URI agentUrl, Map<String, String> env, AgentCredentials credentials) {
    String where = " (state dir " + stateDir.display() + ")";
    if (agentUrl != null) {
      String token = credentials.token(stateDir, env).orElse("");
      return new AgentClient(agentUrl, token, "", credentials);
    }
    AgentFile agent =
        stateDir
            .readAgentFile()
            .orElseThrow(
                () -> unreachable(URI.create("http://" + AgentOptions.DEFAULT_API), where));
    URI url = URI.create(agent.url());
    String token = credentials.token(stateDir, env).orElseThrow(() -> unreachable(url, where));
    return new AgentClient(url, token, where, credentials);
  }

  public URI url() {
    return url;
  }

  public List<AppView> apps() {
    return getJson("/api/v1/apps", new TypeReference<>() {});
  }

  /**
   * {@code GET /api/v1/apps}'s answer as it came (a JSON list of {@link AppView}), for a caller
   * that reads only part of it; errors as {@link #apps()}.
   */
  public byte[] appsBody() {
    if (PlainGet.handles(url)) {
      return plainGet("/api/v1/apps").body();
    }
    HttpResponse<InputStream> response =
        send(request("/api/v1/apps").GET().timeout(READ_TIMEOUT).build());
    throwIfError(response);
    try (InputStream body = response.body()) {
      return body.readAllBytes();
    } catch (IOException e) {
      throw lost(e);
    }
  }

  public AppView app(String app) {
    return getJson(appPath(app), new TypeReference<>() {});
  }

  public List<RolloutView> history(String app, int limit) {
    return getJson(appPath(app) + "/history?limit=" + limit, new TypeReference<>() {});
  }

  /** Every revision of the app, newest first, marked good, bad or unknown. */
  public List<VerdictView> revisions(String app) {
    return getJson(appPath(app) + "/revisions", new TypeReference<>() {});
  }

  /** One revision with the config text it was deployed with. */
  public RevisionConfigView revision(String app, int number) {
    return getJson(appPath(app) + "/revisions/" + number, new TypeReference<>() {});
  }

  /** The app's database backups, newest first. */
  public List<BackupView> backups(String app) {
    return getJson(appPath(app) + "/backups", new TypeReference<>() {});
  }

  /** Takes a verified backup of the app's database now and returns it. */
  public BackupView backup(String app, String actor) {
    // pg_dump may take a while: its own limit is 30 min
    return postJson(
        appPath(app) + "/backups", new BackupBody(actor), Duration.ofMinutes(35), BackupView.class);
  }

  /** Restores a backup into a scratch database and reports what it holds. */
  public DrillView verifyBackup(String app, Long backupId) {
    return postJson(
        appPath(app) + "/backups/verify",
        new DrillBody(backupId),
        Duration.ofMinutes(35),
        DrillView.class);
  }

  /** Restores a backup for real; see {@link #deploy} for how the result comes back. */
  public RolloutView restore(String app, RestoreBody body, RolloutEventListener listener) {
    return stream(appPath(app) + "/restore", body, listener);
  }

  /**
   * Ships a version and returns the finished rollout, whatever its outcome; {@code listener} hears
   * each event as the agent sends it.
   */
  public RolloutView deploy(String app, DeployBody body, RolloutEventListener listener) {
    return stream(appPath(app) + "/deploy", body, listener);
  }

  /** Judges every gate of the deploy {@code body} describes, now, without deploying. */
  public GateReportView check(String app, DeployBody body) {
    return postJson(appPath(app) + "/check", body, READ_TIMEOUT, GateReportView.class);
  }

  /**
   * Ends whatever holds the app's rollout lock (see {@code RolloutEngine.unlock}); returns what
   * held it.
   */
  public String unlock(String app, String actor, String reason) {
    return postJson(
            appPath(app) + "/unlock",
            new UnlockBody(actor, reason),
            READ_TIMEOUT.plusSeconds(15),
            UnlockAnswer.class)
        .released();
  }

  /** Approves a deploy waiting for approvals; returns where its approvals stand. */
  public String approve(String app, long rollout, String actor) {
    return postJson(
            appPath(app) + "/approve",
            new ApproveBody(rollout, actor),
            READ_TIMEOUT,
            ApproveAnswer.class)
        .approvals();
  }

  /** Takes an app back to an earlier revision; see {@link #deploy}. */
  public RolloutView rollback(String app, RollbackBody body, RolloutEventListener listener) {
    return stream(appPath(app) + "/rollback", body, listener);
  }

  /**
   * Lets the app's paused rollout go on, or with {@code full} skip its remaining steps to 100%.
   * Returns once the agent has accepted; the rollout itself goes on in the agent.
   *
   * @throws RelevoException NOT_FOUND when no rollout of the app is under way
   */
  public void promote(String app, boolean full, String actor) {
    drainOrThrow(
        send(
            post(appPath(app) + "/promote", new PromoteBody(full, actor))
                .timeout(READ_TIMEOUT)
                .build()));
  }

  /**
   * Takes the app's traffic back to its stable revision now; the rollout ends as rolled back with
   * {@code reason}.
   *
   * @throws RelevoException NOT_FOUND when no rollout of the app is under way
   */
  public void abort(String app, String actor, String reason) {
    drainOrThrow(
        send(
            post(appPath(app) + "/abort", new AbortBody(actor, reason))
                .timeout(Duration.ofMinutes(5))
                .build())); // the agent may answer only once drained
  }

  /** Runs the app's last failed or rolled-back deploy again; see {@link #deploy}. */
  public RolloutView retry(String app, String actor, RolloutEventListener listener) {
    return stream(appPath(app) + "/retry", new RetryBody(actor), listener);
  }

  public void stop(String app, String actor) {
    HttpResponse<InputStream> response =
        send(
            post(appPath(app) + "/stop", new StopBody(actor))
                .timeout(Duration.ofMinutes(5))
                .build());
    drainOrThrow(response);
  }

  /**
   * Sends the last {@code tail} lines of a revision's log to {@code lines}, and with {@code follow}
   * every line appended after them until the agent stops or the calling thread is interrupted.
   */
  public void logs(String app, int revision, int tail, boolean follow, Consumer<String> lines) {
    String path =
        appPath(app) + "/revisions/" + revision + "/logs?tail=" + tail + "&follow=" + follow;
    HttpRequest.Builder request = request(path).GET();
    if (!follow) {
      request.timeout(READ_TIMEOUT);
    }
    HttpResponse<InputStream> response = send(request.build());
    throwIfError(response);
    try (BufferedReader reader = reader(response)) {
      String line;
      while ((line = reader.readLine()) != null) {
        lines.accept(line);
      }
    } catch (IOException e) {
      throw lost(e);
    }
  }

  /** The token endpoints: {@code whoami}, and managing named tokens (admin). */
  public TokensClient tokens() {
    return new TokensClient(this);
  }

  /**
   * Reads the app's event stream ({@code GET /api/v1/apps/{app}/events}), resuming after {@code
   * lastEventId} when it is not empty, and hands each message to {@code events} until the agent
   * ends the stream; returns the id to resume after.
   *
   * @throws RelevoException UNAVAILABLE when no agent answers or the connection breaks, NOT_FOUND
   *     for an unknown app
   */
  public String events(String app, String lastEventId, Consumer<SseEvent> events) {
    HttpRequest.Builder request = request(appPath(app) + "/events").GET();
    if (lastEventId != null && !lastEventId.isEmpty()) {
      request.header("Last-Event-ID", lastEventId);
    }
    HttpResponse<InputStream> response = send(request.build());
    throwIfError(response);
    SseParser parser = new SseParser(lastEventId, events);
    try (BufferedReader reader = reader(response)) {
      String line;
      while ((line = reader.readLine()) != null) {
        parser.line(line);
      }
    } catch (IOException e) {
      throw lost(e);
    }
    return parser.lastId();
  }

  private RolloutView stream(String path, Object body, RolloutEventListener listener) {
    // no timeout: a canary may run for many minutes, and events keep the stream alive
    HttpResponse<InputStream> response = send(post(path, body).build());
    throwIfError(response);
    try (BufferedReader reader = reader(response)) {
      String text;
      while ((text = reader.readLine()) != null) {
        if (text.isBlank()) {
          continue;
        }
        StreamLine line = Json.mapper().readValue(text, StreamLine.class);
        switch (line.type()) {
          case StreamLine.EVENT -> listener.onEvent(line.rolloutId(), line.event());
          case StreamLine.RESULT -> {
            return line.rollout();
          }
          case StreamLine.ERROR ->
              throw ApiErrors.toException(new ApiError(line.kind(), line.message()), 200);
          default -> {} // a line type newer than this client: skip it
        }
      }
    } catch (IOException e) {
      throw lost(e);
    }
    throw new RelevoException(
        RelevoException.Kind.UNAVAILABLE,
        "the agent at "
            + url
            + " ended the stream before the rollout's result; it may still be"
            + " running: see `relevo status`");
  }

  private <T> T postJson(String path, Object body, Duration timeout, Class<T> type) {
    HttpResponse<InputStream> response = send(post(path, body).timeout(timeout).build());
    throwIfError(response);
    try (InputStream in = response.body()) {
      return Json.mapper().readValue(in, type);
    } catch (IOException e) {
      throw lost(e);
    }
  }

  <T> T getJson(String path, TypeReference<T> type) {
    if (PlainGet.handles(url)) {
      return plainGetJson(path, type);
    }
    HttpResponse<InputStream> response = send(request(path).GET().timeout(READ_TIMEOUT).build());
    throwIfError(response);
    try (InputStream body = response.body()) {
      return Json.mapper().readValue(body, type);
    } catch (IOException e) {
      throw lost(e);
    }
  }

  private <T> T plainGetJson(String path, TypeReference<T> type) {
    PlainGet.Answer answer = plainGet(path);
    try {
      return Json.mapper().readValue(answer.body(), type);
    } catch (IOException e) {
      throw lost(e);
    }
  }

  /** A GET over {@link PlainGet}; an error answer is thrown as {@link #getJson} throws it. */
  private PlainGet.Answer plainGet(String path) {
    PlainGet.Answer answer;
    try {
      answer = PlainGet.get(url.resolve(path), token, CONNECT_TIMEOUT, READ_TIMEOUT);
    } catch (PlainGet.NotConnected e) {
      throw unreachable(url, whereToLook);
    } catch (IOException e) {
      throw lost(e);
    }
    throwIfError(answer.status(), answer.body());
    return answer;
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(url.resolve(path)).header("Authorization", "Bearer " + token);
  }

  HttpRequest.Builder post(String path, Object body) {
    try {
      return request(path)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(Json.mapper().writeValueAsBytes(body)));
    } catch (IOException e) {
      throw new IllegalStateException("cannot write " + body, e);
    }
  }

  HttpResponse<InputStream> send(HttpRequest request) {
    try {
      return http().send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (ConnectException | HttpConnectTimeoutException e) {
      throw unreachable(url, whereToLook);
    } catch (javax.net.ssl.SSLException e) {
      throw new RelevoException(
          RelevoException.Kind.UNAVAILABLE,
          "the agent at "
              + url
              + whereToLook
              + ": TLS failed: "
              + e.getMessage()
              + " (expected: a certificate the CLI trusts, naming the host in the URL; for a"
              + " private CA give --ca-cert FILE)",
          e);
    } catch (IOException e) {
      throw lost(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RelevoException(RelevoException.Kind.UNAVAILABLE, "interrupted", e);
    }
  }

  void throwIfError(HttpResponse<InputStream> response) {
    if (response.statusCode() / 100 == 2) {
      return;
    }
    byte[] bytes;
    try (InputStream body = response.body()) {
      bytes = body.readAllBytes();
    } catch (IOException e) {
      throw lost(e);
    }
    throwIfError(response.statusCode(), bytes);
  }

  private void throwIfError(int status, byte[] bytes) {
    if (status / 100 == 2) {
      return;
    }
    if (AccessDenied.isRefusal(status)) {
      throw AccessDenied.toClientException(status, bytes, url);
    }
    ApiError error = ApiErrors.fromAnswer(bytes);
    throw ApiErrors.toException(Objects.requireNonNullElse(error, new ApiError("", "")), status);
  }

  void drainOrThrow(HttpResponse<InputStream> response) {
    throwIfError(response);
    try (InputStream body = response.body()) {
      body.readAllBytes();
    } catch (IOException e) {
      throw lost(e);
    }
  }

  private static BufferedReader reader(HttpResponse<InputStream> response) {
    return new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
  }

  RelevoException lost(IOException e) {
    return new RelevoException(
        RelevoException.Kind.UNAVAILABLE,
        "lost the agent at " + url + whereToLook + ": " + e.getMessage(),
        e);
  }

  private static RelevoException unreachable(URI url, String where) {
    return new RelevoException(
        RelevoException.Kind.UNAVAILABLE,
        "no agent at " + url + where + ": start one with `relevo agent`");
  }

  private static String appPath(String app) {
    return "/api/v1/apps/" + URLEncoder.encode(app, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
