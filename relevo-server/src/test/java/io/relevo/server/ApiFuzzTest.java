package io.relevo.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.relevo.core.config.HostPort;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.atomic.AtomicBoolean;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Malformed admin API requests against a real agent API on a real socket: bad JSON, wrong types,
 * huge and deep bodies, bad paths, methods and tokens. Every one is answered within the socket
 * timeout (no hang) with a 4xx whose JSON names the problem, and nothing is logged with a stack
 * trace.
 */
class ApiFuzzTest {

  private static final String TOKEN = "fuzz-token";
  private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();
  private static PrintStream originalErr;
  private static ApiServer api;

  @BeforeContainer
  static void start() throws IOException {
    originalErr = System.err;
    System.setErr(new PrintStream(LOG, true, StandardCharsets.UTF_8));
    api =
        ApiServer.start(
            new HostPort("127.0.0.1", 0),
            TOKEN,
            TestAgents.engine(Files.createTempDirectory("api-fuzz"), new AtomicBoolean(true)),
            TestAgents.parser());
  }

  @AfterContainer
  static void stop() {
    api.close();
    System.setErr(originalErr);
  }

  record Request(String method, String path, String authorization, String body) {
    @Override
    public String toString() {
      return method
          + " "
          + path
          + " auth="
          + authorization
          + " body="
          + (body.length() > 120
              ? body.substring(0, 120) + "… (" + body.length() + " chars)"
              : body);
    }
  }

  record Answer(int status, String head, String body) {}

  @Property(tries = 1000, seed = "20261207")
  void everyMalformedRequestGetsAClearErrorPromptlyAndNoStackTrace(
      @ForAll("requests") Request request) throws IOException {
    LOG.reset();

    Answer answer = send(request);

    assertThat(answer.status()).as("status of %s", request).isBetween(200, 499);
    // Targets are valid URIs: the JDK's HTTP server refuses others (a bare %) itself, with an HTML
    // 400 and without reading the body, before relevo sees the request.
    if (answer.status() >= 400 && !request.method().equals("HEAD")) {
      assertThat(answer.head().toLowerCase())
          .as("content type for %s", request)
          .contains("content-type: application/problem+json");
      JsonNode error = Json.mapper().readTree(answer.body());
      assertThat(error.path("kind").asText()).as("kind for %s", request).isNotBlank();
      assertThat(error.path("detail").asText())
          .as("message for %s", request)
          .isNotBlank()
          .doesNotContain("Exception", "\tat ");
    }
    String logged = LOG.toString(StandardCharsets.UTF_8);
    assertThat(logged).as("log for %s", request).doesNotContain("\tat ", "Exception");
  }

  private static Answer send(Request request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", api.url().getPort())) {
      socket.setSoTimeout(10_000); // a hang fails the property with SocketTimeoutException
      byte[] body = request.body().getBytes(StandardCharsets.UTF_8);
      StringBuilder head =
          new StringBuilder(request.method())
              .append(' ')
              .append(request.path())
              .append(" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
      if (request.authorization() != null) {
        head.append("Authorization: ").append(request.authorization()).append("\r\n");
      }
      if (body.length > 0) {
        head.append("Content-Type: application/json\r\nContent-Length: ")
            .append(body.length)
            .append("\r\n");
      }
      OutputStream out = socket.getOutputStream();
      out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      InputStream in = socket.getInputStream();
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int status = Integer.parseInt(text.substring(9, 12));
      int split = text.indexOf("\r\n\r\n");
      return new Answer(
          status,
          split < 0 ? text : text.substring(0, split),
          split < 0 ? "" : text.substring(split + 4));
    }
  }

  @Provide
  Arbitrary<Request> requests() {
    Arbitrary<String> methods =
        Arbitraries.frequencyOf(
            Tuple.of(4, Arbitraries.of("GET", "POST")),
            Tuple.of(1, Arbitraries.of("PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "BREW")));
    Arbitrary<String> auth =
        Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.just("Bearer " + TOKEN)),
            Tuple.of(
                1,
                Arbitraries.of(
                    "Bearer",
                    "Bearer wrong",
                    "bearer " + TOKEN,
                    "Basic Zm9vOmJhcg==",
                    "Bearer " + TOKEN + " ",
                    "Bearer " + TOKEN + "x")),
            Tuple.of(1, Arbitraries.just(null)));
    return Combinators.combine(methods, paths(), auth, bodies()).as(Request::new);
  }

  private static Arbitrary<String> paths() {
    Arbitrary<String> app =
        Arbitraries.oneOf(
            Arbitraries.of(
                "shop", "nope", "%2e%2e", "..", "a%00b", "%25ZZ", "UPPER", "x".repeat(300)),
            Arbitraries.strings()
                .withCharRange('a', 'z')
                .withChars("-_.~")
                .ofMinLength(1)
                .ofMaxLength(12));
    Arbitrary<String> rest =
        Arbitraries.of(
            "",
            "/",
            "/history",
            "/history?limit=abc",
            "/history?limit=-1",
            "/history?limit=99999999999",
            "/history?limit=%25",
            "/revisions",
            "/deploy",
            "/rollback",
            "/stop",
            "/promote",
            "/abort",
            "/retry",
            "/revisions/1/logs",
            "/revisions/abc/logs",
            "/revisions/99999999999/logs",
            "/revisions/1/logs?tail=x",
            "/revisions/1/logs?follow=maybe",
            "/revisions/1/logs?follow=true",
            "/unknown",
            "//deploy");
    return Arbitraries.frequencyOf(
        Tuple.of(8, Combinators.combine(app, rest).as((a, r) -> "/api/v1/apps/" + a + r)),
        Tuple.of(
            1,
            Arbitraries.of(
                "/",
                "/api",
                "/api/v1",
                "/api/v1/apps",
                "/api/v2/apps",
                "/api/v1/apps?x=1",
                "/api/v1/apps/%25")),
        Tuple.of(
            1,
            Arbitraries.strings()
                .withCharRange('a', 'z')
                .withChars("-._~/!$&'()*+,;=:@")
                .ofMinLength(1)
                .ofMaxLength(40)
                .map(s -> "/x" + s)));
  }

  private static Arbitrary<String> bodies() {
    Arbitrary<String> json =
        Arbitraries.of(
            "",
            "{",
            "}",
            "[]",
            "null",
            "42",
            "\"text\"",
            "{}",
            "{\"configFile\": 5}",
            "{\"configFile\": \"relevo.yml\"}",
            "{\"configFile\": \"relevo.yml\", \"configText\": 7}",
            "{\"configFile\": \"relevo.yml\", \"configText\": \"app: [\"}",
            "{\"configFile\": \"relevo.yml\", \"configText\": \"app: shop\\nruntime: {command: [x]}\\nlisten: 1\"}",
            "{\"configFile\": [], \"configText\": {}}",
            "{\"toRevision\": \"three\"}",
            "{\"toRevision\": -1}",
            "{\"full\": \"yes\"}",
            "{\"force\": \"maybe\"}",
            "{\"actor\": {\"name\": 1}}",
            "{\"unknownField\": true}",
            "{\"reason\": \"\\ud800\"}",
            "{'single': 'quotes'}",
            "\u0000\u0001\u0002",
            "{\"a\":1}{\"b\":2}");
    Arbitrary<String> deep =
        Arbitraries.integers().between(1_000, 50_000).map(n -> "[".repeat(n) + "]".repeat(n));
    Arbitrary<String> huge =
        Arbitraries.just("{\"configText\": \"" + "a".repeat(Exchanges.MAX_BODY_BYTES) + "\"}");
    Arbitrary<String> noise = Arbitraries.strings().ofMaxLength(200);
    return Arbitraries.frequencyOf(
        Tuple.of(14, json), Tuple.of(3, noise), Tuple.of(1, deep), Tuple.of(1, huge));
  }
}
