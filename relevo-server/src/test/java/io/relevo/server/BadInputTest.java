package io.relevo.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.relevo.core.config.HostPort;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input to a real agent: each is problem details with a one-line detail that says what was
 * wrong and what was expected, never a stack trace and never a 500.
 */
class BadInputTest {

  private static final String TOKEN = "bad-input-token";
  private static ApiServer api;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    api =
        ApiServer.start(
            new HostPort("127.0.0.1", 0),
            TOKEN,
            TestAgents.engine(Files.createTempDirectory("bad-input"), new AtomicBoolean(true)),
            TestAgents.parser());
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  static Stream<Arguments> badRequests() {
    return Stream.of(
        Arguments.of(
            "malformed JSON",
            "POST",
            "/api/v1/apps/shop/promote",
            "{\"full\": tru",
            400,
            "request body: malformed JSON at line 1, column 10: Unrecognized token 'tru': was"
                + " expecting (JSON String, Number, Array, Object or token 'null', 'true' or"
                + " 'false') (expected: a JSON object {\"full\": boolean, \"actor\": string})"),
        Arguments.of(
            "a wrong type",
            "POST",
            "/api/v1/apps/shop/approve",
            "{\"rollout\": \"abc\", \"actor\": \"ana\"}",
            400,
            "request body: rollout: \"abc\" (expected: integer)"),
        Arguments.of(
            "a list where a string belongs",
            "POST",
            "/api/v1/apps/shop/stop",
            "{\"actor\": [\"ana\"]}",
            400,
            "request body: actor: wrong type (expected: string)"),
        Arguments.of(
            "an unknown field",
            "POST",
            "/api/v1/apps/shop/rollback",
            "{\"toRevison\": 2}",
            400,
            "request body: unknown field \"toRevison\" (expected: one of toRevision, actor,"
                + " reason, force, withRestore, severity, now)"),
        Arguments.of(
            "a missing required field",
            "POST",
            "/api/v1/apps/shop/approve",
            "{\"actor\": \"ana\"}",
            400,
            "request body: rollout: missing (expected: the id of the deploy waiting for"
                + " approvals, as `relevo status` shows it)"),
        Arguments.of(
            "an empty body",
            "POST",
            "/api/v1/apps/shop/stop",
            "",
            400,
            "request body: empty (expected: a JSON object {\"actor\": string})"),
        Arguments.of(
            "a list instead of an object",
            "POST",
            "/api/v1/apps/shop/stop",
            "[]",
            400,
            "request body: not a JSON object (expected: a JSON object {\"actor\": string})"),
        Arguments.of(
            "two JSON values",
            "POST",
            "/api/v1/apps/shop/abort",
            "{} {}",
            400,
            null), // Jackson's wording; the prefix and the expected shape are checked below
        Arguments.of(
            "a query parameter out of range",
            "GET",
            "/api/v1/apps/shop/history?limit=abc",
            "",
            400,
            "limit: \"abc\" (expected: a whole number 1..10000)"),
        Arguments.of(
            "an unknown app",
            "GET",
            "/api/v1/apps/nope",
            "",
            404,
            "no app named \"nope\"; nothing has been deployed yet"),
        Arguments.of(
            "an unknown path",
            "GET",
            "/api/v1/apps/shop/nothing",
            "",
            404,
            "no API at GET /api/v1/apps/shop/nothing (expected: a path under /api/v1/apps)"),
        Arguments.of(
            "an unknown version of the API",
            "GET",
            "/api/v2/apps",
            "",
            404,
            "API version \"v2\" at GET /api/v2/apps (expected: /api/v1, the version this agent"
                + " serves)"),
        Arguments.of(
            "a wrong method",
            "DELETE",
            "/api/v1/apps/shop",
            "",
            405,
            "DELETE /api/v1/apps/shop: method not allowed (expected: GET)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRequests")
  void badInputIsAProblemWithAOneLineDetail(
      String what, String method, String path, String body, int status, String detail)
      throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(api.url().resolve(path))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    JsonNode problem = assertProblem(response.statusCode(), response.headers(), response.body());
    assertThat(response.statusCode()).as(what).isEqualTo(status);
    assertThat(problem.path("status").asInt()).isEqualTo(status);
    assertThat(problem.path("instance").asText())
        .isEqualTo(method + " " + URI.create(path).getPath());
    if (detail != null) {
      assertThat(problem.path("detail").asText()).isEqualTo(detail);
    } else {
      assertThat(problem.path("detail").asText())
          .startsWith("request body: ")
          .endsWith("(expected: a JSON object {\"actor\": string, \"reason\": string})");
    }
    if (status == 405) {
      assertThat(response.headers().firstValue("Allow")).hasValue("GET");
    }
  }

  @Test
  void anOversizedBodyIsAnswered413BeforeItIsSent() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", api.url().getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      // Only the headers go out: the answer must come without the agent reading the body.
      out.write(
          ("POST /api/v1/apps/shop/deploy HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                  + TOKEN
                  + "\r\nContent-Type: application/json\r\nContent-Length: 2097152\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String answer = readOneAnswer(socket.getInputStream());

      assertThat(answer).startsWith("HTTP/1.1 413 ");
      assertThat(answer.toLowerCase()).contains("content-type: application/problem+json");
      JsonNode problem = Json.mapper().readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
      assertThat(problem.path("detail").asText())
          .isEqualTo(
              "request body: 2097152 bytes (expected: at most 1048576 bytes, a small JSON"
                  + " object)");
      assertThat(problem.path("kind").asText()).isEqualTo("BAD_INPUT");
    }
  }

  @Test
  void anOversizedBodySentAnywayStillGetsItsAnswer() throws Exception {
    String big = "{\"actor\": \"" + "a".repeat(2 * Exchanges.MAX_BODY_BYTES) + "\"}";

    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(api.url().resolve("/api/v1/apps/shop/stop"))
                .header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(big))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    JsonNode problem = assertProblem(response.statusCode(), response.headers(), response.body());
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(problem.path("detail").asText()).startsWith("request body: 2097165 bytes");
  }

  private static JsonNode assertProblem(int status, java.net.http.HttpHeaders headers, String body)
      throws Exception {
    assertThat(headers.firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode problem = Json.mapper().readTree(body);
    String detail = problem.path("detail").asText();
    assertThat(detail).doesNotContain("\n", "Exception", "\tat ", "io.relevo.");
    assertThat(problem.path("type").asText()).startsWith("https://relevo.dev/problems/");
    assertThat(problem.path("title").asText()).isNotBlank();
    assertThat(problem.path("kind").asText()).isIn("BAD_INPUT", "NOT_FOUND");
    assertThat(status).isNotEqualTo(500);
    return problem;
  }

  /** Reads the status line, headers and a Content-Length body, without waiting for the close. */
  private static String readOneAnswer(InputStream in) throws Exception {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.append((char) b);
    }
    int length = 0;
    for (String line : head.toString().split("\r\n")) {
      if (line.toLowerCase().startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).strip());
      }
    }
    return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }
}
