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
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A typed client of the agent's admin API, as the CLI uses it. Every failure comes back as a {@link
 * RelevoException}: the agent's own errors with their kind, an agent that cannot be reached as
 * UNAVAILABLE with a message that says how to start one.
 */
public final class AgentClient {

  /** The env var that carries the token when the agent is named with {@code --agent URL}. */
  public static final String TOKEN_ENV = "RELEVO_TOKEN";

  static final Duration READ_TIMEOUT = AgentHttp.READ_TIMEOUT;

  private final AgentHttp http;

  private AgentClient(URI url, String token, String whereToLook, AgentCredentials credentials) {
    this.http = new AgentHttp(url, token, whereToLook, credentials);
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
                () ->
                    AgentHttp.unreachable(URI.create("http://" + AgentOptions.DEFAULT_API), where));
    URI url = URI.create(agent.url());
    String token =
        credentials.token(stateDir, env).orElseThrow(() -> AgentHttp.unreachable(url, where));
    return new AgentClient(url, token, where, credentials);
  }

  public URI url() {
    return http.url();
  }

  public List<AppView> apps() {
    return http.getJson("/api/v1/apps", new TypeReference<>() {});
  }

  /**
   * {@code GET /api/v1/apps}'s answer as it came (a JSON list of {@link AppView}), for a caller
   * that reads only part of it; errors as {@link #apps()}.
   */
  public byte[] appsBody() {
    return http.getBytes("/api/v1/apps");
  }

  public AppView app(String app) {
    return http.getJson(appPath(app), new TypeReference<>() {});
  }

  public List<RolloutView> history(String app, int limit) {
    return http.getJson(appPath(app) + "/history?limit=" + limit, new TypeReference<>() {});
  }

  /** Every revision of the app, newest first, marked good, bad or unknown. */
  public List<VerdictView> revisions(String app) {
    return http.getJson(appPath(app) + "/revisions", new TypeReference<>() {});
  }

  /** One revision with the config text it was deployed with. */
  public RevisionConfigView revision(String app, int number) {
    return http.getJson(appPath(app) + "/revisions/" + number, new TypeReference<>() {});
  }

  /** The app's database backups, newest first. */
  public List<BackupView> backups(String app) {
    return http.getJson(appPath(app) + "/backups", new TypeReference<>() {});
  }

  /** Takes a verified backup of the app's database now and returns it. */
  public BackupView backup(String app, String actor) {
    // pg_dump may take a while: its own limit is 30 min
    return http.postJson(
        appPath(app) + "/backups", new BackupBody(actor), Duration.ofMinutes(35), BackupView.class);
  }

  /** Restores a backup into a scratch database and reports what it holds. */
  public DrillView verifyBackup(String app, Long backupId) {
    return http.postJson(
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
    return http.postJson(appPath(app) + "/check", body, READ_TIMEOUT, GateReportView.class);
  }

  /**
   * Ends whatever holds the app's rollout lock (see {@code RolloutEngine.unlock}); returns what
   * held it.
   */
  public String unlock(String app, String actor, String reason) {
    return http.postJson(
            appPath(app) + "/unlock",
            new UnlockBody(actor, reason),
            READ_TIMEOUT.plusSeconds(15),
            UnlockAnswer.class)
        .released();
  }

  /** Approves a deploy waiting for approvals; returns where its approvals stand. */
  public String approve(String app, long rollout, String actor) {
    return http.postJson(
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
    http.drainOrThrow(
        http.send(
            http.post(appPath(app) + "/promote", new PromoteBody(full, actor))
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
    http.drainOrThrow(
        http.send(
            http.post(appPath(app) + "/abort", new AbortBody(actor, reason))
                .timeout(Duration.ofMinutes(5))
                .build())); // the agent may answer only once drained
  }

  /** Runs the app's last failed or rolled-back deploy again; see {@link #deploy}. */
  public RolloutView retry(String app, String actor, RolloutEventListener listener) {
    return stream(appPath(app) + "/retry", new RetryBody(actor), listener);
  }

  public void stop(String app, String actor) {
    http.drainOrThrow(
        http.send(
            http.post(appPath(app) + "/stop", new StopBody(actor))
                .timeout(Duration.ofMinutes(5))
                .build()));
  }

  /**
   * Sends the last {@code tail} lines of a revision's log to {@code lines}, and with {@code follow}
   * every line appended after them until the agent stops or the calling thread is interrupted.
   */
  public void logs(String app, int revision, int tail, boolean follow, Consumer<String> lines) {
    String path =
        appPath(app) + "/revisions/" + revision + "/logs?tail=" + tail + "&follow=" + follow;
    HttpRequest.Builder request = http.request(path).GET();
    if (!follow) {
      request.timeout(READ_TIMEOUT);
    }
    HttpResponse<InputStream> response = http.send(request.build());
    http.throwIfError(response);
    try (BufferedReader reader = AgentHttp.reader(response)) {
      String line;
      while ((line = reader.readLine()) != null) {
        lines.accept(line);
      }
    } catch (IOException e) {
      throw http.lost(e);
    }
  }

  /** The token endpoints: {@code whoami}, and managing named tokens (admin). */
  public TokensClient tokens() {
    return new TokensClient(http);
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
    HttpRequest.Builder request = http.request(appPath(app) + "/events").GET();
    if (lastEventId != null && !lastEventId.isEmpty()) {
      request.header("Last-Event-ID", lastEventId);
    }
    HttpResponse<InputStream> response = http.send(request.build());
    http.throwIfError(response);
    SseParser parser = new SseParser(lastEventId, events);
    try (BufferedReader reader = AgentHttp.reader(response)) {
      String line;
      while ((line = reader.readLine()) != null) {
        parser.line(line);
      }
    } catch (IOException e) {
      throw http.lost(e);
    }
    return parser.lastId();
  }

  private RolloutView stream(String path, Object body, RolloutEventListener listener) {
    // no timeout: a canary may run for many minutes, and events keep the stream alive
    HttpResponse<InputStream> response = http.send(http.post(path, body).build());
    http.throwIfError(response);
    try (BufferedReader reader = AgentHttp.reader(response)) {
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
      throw http.lost(e);
    }
    throw new RelevoException(
        RelevoException.Kind.UNAVAILABLE,
        "the agent at "
            + http.url()
            + " ended the stream before the rollout's result; it may still be"
            + " running: see `relevo status`");
  }

  private static String appPath(String app) {
    return "/api/v1/apps/" + URLEncoder.encode(app, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
