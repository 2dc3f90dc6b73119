package io.relevo.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.relevo.core.config.HostPort;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Holds the agent's real answers to its OpenAPI document: a real API server over a real engine
 * (with fake runtime and router) is called on every endpoint, and each answer's status, content
 * type and body must be what the document says, checked by a JSON Schema 2020-12 validator.
 */
class OpenApiContractTest {

  private static final String TOKEN = "contract-token";
  private static final String DOC_ID = "https://relevo.dev/openapi/relevo-v1.json";
  private static final String CONFIG = "app: shop\n";
  private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH");

  private static ApiServer api;
  private static JsonNode doc;
  private static SchemaRegistry schemas;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    api =
        ApiServer.start(
            new HostPort("127.0.0.1", 0),
            TOKEN,
            TestAgents.engine(Files.createTempDirectory("contract"), new AtomicBoolean(true)),
            TestAgents.parser());
    Answer served = send("GET", "/api/v1/openapi.json", null, null);
    assertThat(served.status()).isEqualTo(200);
    doc = Json.mapper().readTree(served.body());
    schemas =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12, b -> b.schemas(Map.of(DOC_ID, served.body())));
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void everyAnswerOfTheAgentIsWhatItsDocumentSays() throws Exception {
    String deploy =
        "{\"configFile\":\"/srv/shop/relevo.yml\",\"configText\":\"app: shop\\n\","
            + "\"version\":\"VERSION\",\"actor\":\"ana\",\"reason\":\"\"}";
    List<String> problems = new ArrayList<>();
    check(problems, "GET", "/api/v1/openapi.yaml", null, TOKEN);
    check(problems, "GET", "/metrics", null, null);
    check(problems, "GET", "/api/v1/apps", null, TOKEN);
    check(problems, "POST", "/api/v1/apps/shop/check", deploy.replace("VERSION", "v1"), TOKEN);
    check(problems, "POST", "/api/v1/apps/shop/deploy", deploy.replace("VERSION", "v1"), TOKEN);
    check(problems, "POST", "/api/v1/apps/shop/deploy", deploy.replace("VERSION", "v2"), TOKEN);
    check(problems, "GET", "/api/v1/apps", null, TOKEN);
    check(problems, "GET", "/api/v1/apps/shop", null, TOKEN);
    check(problems, "GET", "/api/v1/apps/shop/history?limit=5", null, TOKEN);
    check(problems, "GET", "/api/v1/apps/shop/revisions", null, TOKEN);
    check(problems, "GET", "/api/v1/apps/shop/revisions/1", null, TOKEN);
    check(problems, "GET", "/api/v1/apps/shop/revisions/1/logs?tail=5", null, TOKEN);
    check(
        problems, "POST", "/api/v1/apps/shop/promote", "{\"full\":true,\"actor\":\"ana\"}", TOKEN);
    check(problems, "POST", "/api/v1/apps/shop/abort", "{\"actor\":\"ana\"}", TOKEN);
    check(problems, "POST", "/api/v1/apps/shop/approve", "{\"rollout\":1}", TOKEN);
    check(problems, "POST", "/api/v1/apps/shop/unlock", "{\"reason\":\"stale\"}", TOKEN);
    check(problems, "GET", "/api/v1/apps/shop/backups", null, TOKEN);
    check(problems, "POST", "/api/v1/apps/shop/backups", "{\"actor\":\"ana\"}", TOKEN);
    check(problems, "POST", "/api/v1/apps/shop/backups/verify", "{}", TOKEN);
    check(
        problems,
        "POST",
        "/api/v1/apps/shop/restore",
        "{\"backupId\":1,\"reason\":\"drill\",\"yes\":true}",
        TOKEN);
    check(
        problems,
        "POST",
        "/api/v1/apps/shop/rollback",
        "{\"toRevision\":1,\"actor\":\"ana\",\"reason\":\"v2 is slow\"}",
        TOKEN);
    check(problems, "POST", "/api/v1/apps/shop/retry", "{\"actor\":\"ana\"}", TOKEN);
    check(problems, "GET", "/api/v1/apps/shop/events", null, TOKEN);
    check(problems, "GET", "/api/v1/whoami", null, TOKEN);
    check(problems, "GET", "/api/v1/tokens", null, TOKEN);
    check(problems, "POST", "/api/v1/apps/shop/stop", "{\"actor\":\"ana\"}", TOKEN);
    // errors are answers too
    check(problems, "GET", "/api/v1/apps/nope", null, TOKEN);
    check(problems, "GET", "/api/v1/apps", null, "wrong-token");
    check(problems, "DELETE", "/api/v1/apps/shop", null, TOKEN);
    check(problems, "POST", "/api/v1/apps/shop/stop", "{\"actr\":\"ana\"}", TOKEN);

    assertThat(problems).as("answers that break the document").isEmpty();
  }

  @Test
  void everyDocumentedOperationIsServedAndEveryOtherMethodIsRefused() throws Exception {
    List<String> problems = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("paths").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String path =
          entry.getKey().replace("{app}", "shop").replace("{revision}", "1").replace("{name}", "x");
      for (String method : METHODS) {
        boolean documented = entry.getValue().has(method.toLowerCase());
        String operation = method + " " + entry.getKey();
        Answer answer = send(method, path, method.equals("GET") ? null : "{}", TOKEN);
        boolean notServed = answer.status() == 404 && answer.body().contains("no API at");
        boolean refused = answer.status() == 405;
        if (documented && (notServed || refused)) {
          problems.add(operation + ": documented but answered " + answer.status());
        }
        if (!documented && !refused) {
          problems.add(operation + ": not documented but answered " + answer.status());
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void everyRouteOfTheApiServerIsInTheDocument() throws Exception {
    String source = Files.readString(Path.of("src/main/java/io/relevo/server/ApiServer.java"));
    Matcher cases = Pattern.compile("case \"(/[a-z/]+)\"").matcher(source);
    Set<String> routes = new TreeSet<>();
    while (cases.find()) {
      routes.add("/api/v1/apps/{app}" + cases.group(1));
    }
    Set<String> documented = new LinkedHashSet<>();
    doc.path("paths").fieldNames().forEachRemaining(documented::add);

    assertThat(routes).isNotEmpty();
    assertThat(documented).containsAll(routes);
  }

  private static void check(
      List<String> problems, String method, String pathAndQuery, String body, String token)
      throws Exception {
    Answer answer = send(method, pathAndQuery, body, token);
    String what = method + " " + pathAndQuery + " -> " + answer.status();
    String path = pathAndQuery.replaceFirst("\\?.*", "");
    JsonNode operation = operation(method, path);
    JsonNode response;
    JsonNode responses;
    if (operation == null && answer.status() >= 400) {
      // a request the document does not describe is answered as a problem all the same
      responses = doc.at("/components/responses");
      response = responses.path("Problem");
    } else if (operation == null) {
      problems.add(what + ": no operation in the document");
      return;
    } else {
      responses = operation.path("responses");
      response = responses.path(String.valueOf(answer.status()));
      if (response.isMissingNode()) {
        response = responses.path("default");
      }
    }
    if (response.isMissingNode()) {
      problems.add(what + ": status not in the document " + responses.fieldNames().next());
      return;
    }
    response = resolve(response);
    JsonNode content = response.path("content");
    if (content.isMissingNode() || content.isEmpty()) {
      if (!answer.body().isEmpty()) {
        problems.add(what + ": a body where the document says none");
      }
      return;
    }
    String contentType = answer.contentType().replaceFirst(";.*", "").strip();
    JsonNode media = content.path(contentType);
    if (media.isMissingNode()) {
      problems.add(
          what
              + ": content type "
              + contentType
              + " (document: "
              + content.fieldNames().next()
              + ")");
      return;
    }
    if (contentType.equals("text/event-stream")) {
      checkEvent(problems, what, media, answer.body());
      return;
    }
    Schema schema = schemaOf(media.path("schema"));
    List<String> documents =
        contentType.equals("application/x-ndjson")
            ? answer.body().lines().filter(l -> !l.isBlank()).toList()
            : contentType.endsWith("json") ? List.of(answer.body()) : List.of();
    for (String json : documents) {
      List<Error> errors = schema.validate(json, InputFormat.JSON);
      for (Error error : errors) {
        problems.add(what + ": " + error);
      }
    }
  }

  /** The content schema, with its references made absolute against the served document. */
  private static Schema schemaOf(JsonNode schema) {
    ObjectNode copy = (ObjectNode) schema.deepCopy();
    absolute(copy);
    copy.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    return schemas.getSchema(copy.toString(), InputFormat.JSON);
  }

  private static void absolute(JsonNode node) {
    if (node instanceof ObjectNode object) {
      JsonNode ref = object.get("$ref");
      if (ref != null && ref.asText().startsWith("#")) {
        object.put("$ref", DOC_ID + ref.asText());
      }
    }
    node.forEach(OpenApiContractTest::absolute);
  }

  private static JsonNode resolve(JsonNode node) {
    JsonNode ref = node.get("$ref");
    return ref == null ? node : doc.at(ref.asText().substring(1));
  }

  private static JsonNode operation(String method, String path) {
    for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("paths").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String regex = "^" + entry.getKey().replaceAll("\\{[^}]+}", "[^/]+") + "$";
      if (path.matches(regex) && entry.getValue().has(method.toLowerCase())) {
        return entry.getValue().get(method.toLowerCase());
      }
    }
    return null;
  }

  /** An answer: its status, content type and body (for an event stream, its first message). */
  private record Answer(int status, String contentType, String body) {}

  private static Answer send(String method, String path, String body, String token)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(api.url().resolve(path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    HttpResponse<InputStream> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    String contentType = response.headers().firstValue("Content-Type").orElse("");
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      if (!contentType.startsWith("text/event-stream")) {
        return new Answer(
            response.statusCode(), contentType, reader.lines().collect(Collectors.joining("\n")));
      }
      // an event stream does not end: read its first message, then hang up
      StringBuilder message = new StringBuilder();
      String line;
      while ((line = reader.readLine()) != null && !(line.isEmpty() && message.length() > 0)) {
        if (!line.isEmpty() && !line.startsWith(":")) {
          message.append(line).append('\n');
        }
      }
      return new Answer(response.statusCode(), contentType, message.toString());
    }
  }

  /** Checks an event's data against the schema the document gives its type. */
  private static void checkEvent(List<String> problems, String what, JsonNode media, String event) {
    String type = "message";
    String data = "";
    for (String line : event.split("\n")) {
      if (line.startsWith("event:")) {
        type = line.substring(6).strip();
      } else if (line.startsWith("data:")) {
        data = line.substring(5).strip();
      }
    }
    JsonNode schema = media.path("x-relevo-events").path(type);
    if (schema.isMissingNode()) {
      problems.add(what + ": event type " + type + " is not in the document");
      return;
    }
    for (Error error : schemaOf(schema).validate(data, InputFormat.JSON)) {
      problems.add(what + ": event " + type + ": " + error);
    }
  }
}
