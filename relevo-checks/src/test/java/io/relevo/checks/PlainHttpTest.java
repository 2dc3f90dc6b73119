package io.relevo.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

class PlainHttpTest {

  @Test
  void aPlainHttpClientTalksToARealServerWithoutAnyTls() throws Exception {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] body = "pong".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    try {
      URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ping");
      HttpClient client = PlainHttp.builderFor(url).build();

      HttpResponse<String> response =
          client.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());

      assertThat(response.body()).isEqualTo("pong");
      assertThatThrownBy(() -> client.sslContext().createSSLEngine())
          .isInstanceOf(UnsupportedOperationException.class)
          .hasMessage("a plain-http client has no TLS");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void anHttpsClientKeepsTheJdksTls() throws Exception {
    HttpClient client = PlainHttp.builderFor(URI.create("https://agent.example:7443")).build();

    assertThat(client.sslContext()).isSameAs(SSLContext.getDefault());
  }
}
