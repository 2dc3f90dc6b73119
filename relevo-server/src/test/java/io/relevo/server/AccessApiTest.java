package io.relevo.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.relevo.core.RelevoException;
import io.relevo.core.config.HostPort;
import io.relevo.core.engine.RolloutEngine;
import io.relevo.core.testing.ManualClock;
import io.relevo.server.v1.DeployBody;
import io.relevo.server.v1.TokenCreateBody;
import io.relevo.server.v1.TokenView;
import io.relevo.server.v1.WhoAmI;
import io.relevo.store.CloseableStore;
import io.relevo.store.Stores;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tokens over real sockets, with the tokens in a real SQLite history store: 401s, whoami, expiry,
 * revocation, the list, bad input, the rate limit on failures and the actor in history. Which role
 * reaches which endpoint: {@link EndpointRolesApiTest}.
 */
class AccessApiTest {

  private static final String LOCAL = "local-secret";
  private static final String CONFIG = "app: shop\n";

  private enum Who {
    VIEWER,
    DEPLOYER,
    APPROVER,
    ADMIN
  }

  @TempDir Path stateDir;
  private final ManualClock clock = new ManualClock();
  private final HttpClient http = HttpClient.newHttpClient();
  private final Map<Who, String> secrets = new EnumMap<>(Who.class);
  private CloseableStore store;
  private ApiServer api;

  @BeforeEach
  void start() {
    store = Stores.sqlite(stateDir.resolve("history.db"));
    RolloutEngine engine = TestAgents.engine(stateDir, new AtomicBoolean(true));
    api =
        ApiServer.start(
            new HostPort("127.0.0.1", 0),
            ApiTls.OFF,
            ApiParts.of(LOCAL, engine, TestAgents.parser())
                .withAccess(Access.of(LOCAL, store.tokens(), clock)));
    AgentClient admin = AgentClient.of(api.url(), LOCAL);
    for (Who who : Who.values()) {
      String name = who.name().toLowerCase();
      secrets.put(
          who, admin.tokens().create(new TokenCreateBody("the-" + name, name, null)).token());
    }
  }

  @AfterEach
  void stop() {
    api.close();
    store.close();
  }

  @Test
  void aRequestWithoutAValidTokenGets401AsProblemDetailsSayingHowToGetOne() throws Exception {
    HttpResponse<String> none = send("GET", "/api/v1/apps", "", null);
    HttpResponse<String> wrong = send("GET", "/api/v1/apps", "", "relevo_not-a-token");

    for (HttpResponse<String> answer : List.of(none, wrong)) {
      assertThat(answer.statusCode()).isEqualTo(401);
      assertThat(answer.headers().firstValue("WWW-Authenticate"))
          .hasValue("Bearer realm=\"relevo\"");
      JsonNode problem = Json.mapper().readTree(answer.body());
      assertThat(problem.get("status").asInt()).isEqualTo(401);
      assertThat(problem.get("kind").asText()).isEqualTo("UNAUTHORIZED");
      assertThat(problem.get("detail").asText()).contains("relevo token create NAME --role ROLE");
    }
  }

  @Test
  void whoamiNamesTheTokenAndItsRole() {
    assertThat(AgentClient.of(api.url(), secrets.get(Who.DEPLOYER)).tokens().whoami())
        .isEqualTo(new WhoAmI("the-deployer", "deployer"));
    assertThat(AgentClient.of(api.url(), LOCAL).tokens().whoami())
        .isEqualTo(new WhoAmI("local", "admin"));
  }

  @Test
  void anExpiredTokenIsRefusedWithItsExpiry() {
    AgentClient admin = AgentClient.of(api.url(), LOCAL);
    String secret = admin.tokens().create(new TokenCreateBody("short", "viewer", "1h")).token();
    AgentClient client = AgentClient.of(api.url(), secret);
    assertThat(client.apps()).isEmpty();

    clock.advance(Duration.ofHours(1));

    assertThatThrownBy(client::apps)
        .isInstanceOfSatisfying(
            RelevoException.class,
            e -> assertThat(e.kind()).isEqualTo(RelevoException.Kind.UNAUTHORIZED))
        .hasMessageContaining("token short expired at");
    assertThat(admin.tokens().list())
        .filteredOn(t -> t.name().equals("short"))
        .singleElement()
        .satisfies(t -> assertThat(t.expired()).isTrue());
  }

  @Test
  void aRevokedTokenIsRefusedAtOnce() {
    AgentClient admin = AgentClient.of(api.url(), LOCAL);
    AgentClient viewer = AgentClient.of(api.url(), secrets.get(Who.VIEWER));
    assertThat(viewer.apps()).isEmpty();

    admin.tokens().revoke("the-viewer");

    assertThatThrownBy(viewer::apps)
        .isInstanceOfSatisfying(
            RelevoException.class,
            e -> assertThat(e.kind()).isEqualTo(RelevoException.Kind.UNAUTHORIZED));
    assertThat(admin.tokens().list()).extracting(TokenView::name).doesNotContain("the-viewer");
    assertThatThrownBy(() -> admin.tokens().revoke("the-viewer"))
        .hasMessage("token the-viewer does not exist (see `relevo token list`)");
  }

  @Test
  void theListShowsRoleCreatorAndLastUseButNeverASecret() throws Exception {
    AgentClient.of(api.url(), secrets.get(Who.DEPLOYER)).apps();

    HttpResponse<String> answer = send("GET", "/api/v1/tokens", "", LOCAL);

    assertThat(answer.body()).doesNotContain(secrets.values()).doesNotContain("sha256");
    List<TokenView> tokens = AgentClient.of(api.url(), LOCAL).tokens().list();
    assertThat(tokens)
        .extracting(TokenView::name)
        .containsExactly("the-admin", "the-approver", "the-deployer", "the-viewer");
    TokenView deployer = tokens.get(2);
    assertThat(deployer.role()).isEqualTo("deployer");
    assertThat(deployer.createdBy()).isEqualTo("local");
    assertThat(deployer.lastUsedAt()).isEqualTo(clock.instant());
    assertThat(tokens.get(3).lastUsedAt()).isNull();
  }

  @Test
  void badNamesRolesAndDurationsGetOneLineMessages() {
    AgentClient admin = AgentClient.of(api.url(), LOCAL);
    assertThatThrownBy(() -> admin.tokens().create(new TokenCreateBody("CI Bot", "viewer", null)))
        .hasMessage(
            "token name: \"CI Bot\" (expected: 1 to 40 lowercase letters, digits and dashes, like"
                + " ci-bot)");
    assertThatThrownBy(() -> admin.tokens().create(new TokenCreateBody("ci", "root", null)))
        .hasMessage("role: \"root\" (expected: one of viewer, deployer, approver, admin)");
    assertThatThrownBy(() -> admin.tokens().create(new TokenCreateBody("ci", "viewer", "30x")))
        .hasMessage(
            "expires: \"30x\" (expected: a whole number of days, hours or minutes, like 30d, 12h"
                + " or 90m)");
    assertThatThrownBy(() -> admin.tokens().create(new TokenCreateBody("local", "viewer", null)))
        .hasMessage("token name: \"local\" is the state dir's own token (expected: another name)");
    assertThatThrownBy(
            () -> admin.tokens().create(new TokenCreateBody("the-viewer", "admin", null)))
        .isInstanceOfSatisfying(
            RelevoException.class,
            e -> assertThat(e.kind()).isEqualTo(RelevoException.Kind.CONFLICT));
  }

  @Test
  void tenFailuresInAMinuteShutTheAddressOutUntilTheOldestIsAMinuteOld() throws Exception {
    for (int i = 0; i < FailedAttempts.LIMIT; i++) {
      assertThat(send("GET", "/api/v1/apps", "", "wrong-" + i).statusCode()).isEqualTo(401);
      clock.advance(Duration.ofSeconds(1));
    }

    HttpResponse<String> limited = send("GET", "/api/v1/apps", "", LOCAL);

    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("Retry-After")).hasValue("50");
    assertThat(Json.mapper().readTree(limited.body()).get("kind").asText())
        .isEqualTo("RATE_LIMITED");
    assertThatThrownBy(() -> AgentClient.of(api.url(), LOCAL).apps())
        .isInstanceOfSatisfying(
            RelevoException.class,
            e -> assertThat(e.kind()).isEqualTo(RelevoException.Kind.UNAUTHORIZED))
        .hasMessageContaining("retry in 50s");

    clock.advance(Duration.ofSeconds(50));

    assertThat(send("GET", "/api/v1/apps", "", LOCAL).statusCode()).isEqualTo(200);
  }

  @Test
  void historyRecordsTheTokensNameAsTheActorWhateverTheBodyClaims() {
    AgentClient deployer = AgentClient.of(api.url(), secrets.get(Who.DEPLOYER));
    deployer.deploy(
        "shop",
        new DeployBody("/srv/shop/relevo.yml", CONFIG, "1.0.0", "mallory", ""),
        (id, e) -> {});
    AgentClient local = AgentClient.of(api.url(), LOCAL);
    local.deploy(
        "shop",
        new DeployBody("/srv/shop/relevo.yml", CONFIG, "1.0.1", "alice", ""),
        (id, e) -> {});

    assertThat(local.history("shop", 10))
        .extracting(r -> r.actor())
        .containsExactly("alice", "the-deployer");
  }

  private HttpResponse<String> send(String method, String path, String body, String token)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(api.url() + path))
            .method(
                method,
                body.isEmpty()
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
