package io.relevo.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.relevo.core.config.HostPort;
import io.relevo.core.engine.RolloutEngine;
import io.relevo.core.testing.ManualClock;
import io.relevo.server.v1.TokenCreateBody;
import io.relevo.store.CloseableStore;
import io.relevo.store.Stores;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every endpoint against every role, over real sockets with the tokens in a real SQLite history
 * store: the roles that may call it get past the check, every other gets 403 naming the role
 * needed. One agent API for the whole table: nothing here changes a token.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndpointRolesApiTest {

  private static final String LOCAL = "local-secret";

  private enum Who {
    VIEWER,
    DEPLOYER,
    APPROVER,
    ADMIN
  }

  private final HttpClient http = HttpClient.newHttpClient();
  private final Map<Who, String> secrets = new EnumMap<>(Who.class);
  @TempDir static Path stateDir;
  private CloseableStore store;
  private ApiServer api;

  @BeforeAll
  void start() throws Exception {
    store = Stores.sqlite(stateDir.resolve("history.db"));
    RolloutEngine engine = TestAgents.engine(stateDir, new AtomicBoolean(true));
    api =
        ApiServer.start(
            new HostPort("127.0.0.1", 0),
            ApiTls.OFF,
            ApiParts.of(LOCAL, engine, TestAgents.parser())
                .withAccess(Access.of(LOCAL, store.tokens(), new ManualClock())));
    AgentClient admin = AgentClient.of(api.url(), LOCAL);
    for (Who who : Who.values()) {
      String name = who.name().toLowerCase();
      secrets.put(
          who, admin.tokens().create(new TokenCreateBody("the-" + name, name, null)).token());
    }
  }

  @AfterAll
  void stop() {
    api.close();
    store.close();
  }

  /** Each endpoint and the roles that may call it; every other role gets 403. */
  static Stream<Arguments> endpoints() {
    String app = "/api/v1/apps/shop";
    Set<Who> anyone = Set.of(Who.values());
    Set<Who> deployers = Set.of(Who.DEPLOYER, Who.ADMIN);
    List<Arguments> rows = new ArrayList<>();
    rows.add(Arguments.of("GET", "/api/v1/apps", "", anyone));
    rows.add(Arguments.of("GET", app, "", anyone));
    rows.add(Arguments.of("GET", app + "/history", "", anyone));
    rows.add(Arguments.of("GET", app + "/revisions", "", anyone));
    rows.add(Arguments.of("GET", app + "/backups", "", anyone));
    rows.add(Arguments.of("GET", "/api/v1/whoami", "", anyone));
    for (String action :
        List.of(
            "deploy",
            "check",
            "promote",
            "abort",
            "retry",
            "stop",
            "rollback",
            "unlock",
            "backups",
            "backups/verify")) {
      rows.add(Arguments.of("POST", app + "/" + action, "{}", deployers));
    }
    rows.add(
        Arguments.of(
            "POST", app + "/approve", "{\"rollout\":99}", Set.of(Who.APPROVER, Who.ADMIN)));
    rows.add(Arguments.of("POST", app + "/restore", "{}", Set.of(Who.ADMIN)));
    rows.add(Arguments.of("GET", "/api/v1/tokens", "", Set.of(Who.ADMIN)));
    rows.add(Arguments.of("POST", "/api/v1/tokens", "{}", Set.of(Who.ADMIN)));
    rows.add(Arguments.of("DELETE", "/api/v1/tokens/nobody", "", Set.of(Who.ADMIN)));
    rows.add(Arguments.of("PUT", "/api/v1/apps/shop", "{}", Set.of(Who.ADMIN)));
    return rows.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("endpoints")
  void eachRoleReachesItsEndpointsAndGets403ElsewhereNamingTheRoleNeeded(
      String method, String path, String body, Set<Who> allowed) throws Exception {
    for (Who who : Who.values()) {
      HttpResponse<String> answer = send(method, path, body, secrets.get(who));
      if (allowed.contains(who)) {
        assertThat(answer.statusCode())
            .as("%s %s as %s: %s", method, path, who, answer.body())
            .isNotIn(401, 403, 429);
      } else {
        assertThat(answer.statusCode()).as("%s %s as %s", method, path, who).isEqualTo(403);
        JsonNode problem = Json.mapper().readTree(answer.body());
        assertThat(answer.headers().firstValue("Content-Type"))
            .hasValue("application/problem+json");
        assertThat(problem.get("kind").asText()).isEqualTo("FORBIDDEN");
        assertThat(problem.get("type").asText()).isEqualTo("https://relevo.dev/problems/forbidden");
        assertThat(problem.get("instance").asText()).isEqualTo(method + " " + path);
        assertThat(problem.get("detail").asText())
            .startsWith("token the-" + who.name().toLowerCase())
            .contains("relevo token create NAME --role");
      }
    }
    assertThat(send(method, path, body, LOCAL).statusCode()).isNotIn(401, 403, 429);
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
