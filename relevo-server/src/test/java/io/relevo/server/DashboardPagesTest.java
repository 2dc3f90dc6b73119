package io.relevo.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.relevo.core.config.HostPort;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's static files through a real API server, as a browser fetches them. */
class DashboardPagesTest {

  @TempDir Path stateDir;
  private final HttpClient http = HttpClient.newHttpClient();
  private ApiServer api;

  @BeforeEach
  void start() {
    api =
        ApiServer.start(
            new HostPort("127.0.0.1", 0),
            "test-token",
            TestAgents.engine(stateDir, new AtomicBoolean(true)),
            TestAgents.parser());
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void theRootRedirectsToTheDashboard() throws Exception {
    HttpResponse<String> root = get("/");

    assertThat(root.statusCode()).isEqualTo(302);
    assertThat(root.headers().firstValue("Location")).hasValue("/ui/");
    assertThat(get("/ui").headers().firstValue("Location")).hasValue("/ui/");
  }

  @Test
  void thePageIsServedWithoutATokenUnderAStrictContentSecurityPolicy() throws Exception {
    HttpResponse<String> page = get("/ui/");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(
            csp ->
                assertThat(csp)
                    .contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline", "unsafe-eval"));
    assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-cache");
    assertThat(page.body()).contains("<script type=\"module\" src=\"js/main.js\">");
    assertThat(page.body()).doesNotContainPattern("<script>|<script [^>]*>[^<]");
  }

  @Test
  void eachFileTypeGetsItsContentTypeAndAnUnchangedFileAnswers304() throws Exception {
    HttpResponse<String> script = get("/ui/js/main.js");
    HttpResponse<String> style = get("/ui/css/dashboard.css");
    String etag = script.headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> again =
        http.send(
            HttpRequest.newBuilder(api.url().resolve("/ui/js/main.js"))
                .header("If-None-Match", etag)
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(script.headers().firstValue("Content-Type"))
        .hasValue("text/javascript; charset=utf-8");
    assertThat(style.headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
  }

  @Test
  void uPlotIsServedFromItsWebjarAndCachedForAYear() throws Exception {
    HttpResponse<String> uplot = get("/ui/vendor/uplot/uPlot.esm.js");

    assertThat(uplot.statusCode()).isEqualTo(200);
    assertThat(uplot.body()).contains("export { uPlot as default }");
    assertThat(uplot.headers().firstValue("Cache-Control"))
        .hasValue("public, max-age=31536000, immutable");
    assertThat(get("/ui/vendor/uplot/uPlot.min.css").headers().firstValue("Content-Type"))
        .hasValue("text/css; charset=utf-8");
  }

  @Test
  void pathsOutsideTheDashboardsFilesAnswer404() throws Exception {
    for (String path :
        new String[] {
          "/ui/vendor/uplot/../package.json",
          "/ui/vendor/uplot/%2e%2e/package.json",
          "/ui/vendor/uplot/..%2fpackage.json",
          "/ui/../dashboard/index.html",
          "/ui/.hidden.js",
          "/ui/vendor/other/x.js",
          "/ui/js/missing.js",
          "/ui/logback.xml",
        }) {
      assertThat(rawStatusLine(path)).as(path).startsWith("HTTP/1.1 404");
    }
  }

  @Test
  void onlyGetAndHeadAreAllowedAndTheApiStillWantsItsToken() throws Exception {
    HttpResponse<String> post =
        http.send(
            HttpRequest.newBuilder(api.url().resolve("/ui/"))
                .POST(HttpRequest.BodyPublishers.ofString("x"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(post.statusCode()).isEqualTo(400);
    assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
    assertThat(post.body()).contains("POST /ui/: method not allowed (expected: GET)");
    assertThat(get("/api/v1/apps").statusCode()).isEqualTo(401);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(api.url().resolve(path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Sends the path exactly as written, which an HTTP client library might normalize. */
  private String rawStatusLine(String path) throws Exception {
    try (Socket socket = new Socket(api.url().getHost(), api.url().getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return answer.lines().findFirst().orElse("");
    }
  }
}
