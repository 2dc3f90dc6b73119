package io.relevo.proxy;

import io.relevo.core.config.HostPort;
import io.relevo.core.config.ProxyConfig;
import io.relevo.core.config.RevisionOverrides;
import io.relevo.core.metrics.RevisionStats;
import io.relevo.core.routing.TrafficSplit;
import io.relevo.core.routing.TrafficSplit.Backend;
import io.relevo.core.runtime.Endpoint;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A started proxy with app "shop" open on a free port, its test backends, and a client. */
final class ProxyFixture implements AutoCloseable {

  static final String APP = "shop";

  final Proxy proxy;
  final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final List<TestBackend> backends = new ArrayList<>();

  ProxyFixture() {
    this(ProxyConfig.defaults());
  }

  ProxyFixture(ProxyConfig settings) {
    this(Proxy.start(new ProxyOptions(2)), settings);
  }

  /** On the given transport rather than the one chosen for this process. */
  ProxyFixture(Transport transport) {
    this(Proxy.start(new ProxyOptions(2), transport), ProxyConfig.defaults());
  }

  private ProxyFixture(Proxy proxy, ProxyConfig settings) {
    this.proxy = proxy;
    proxy.open(APP, new HostPort("127.0.0.1", 0), settings);
  }

  /** Lets requests from this host choose their revision with X-Relevo-Revision. */
  void allowOverridesFromThisHost() {
    proxy.open(
        APP,
        new HostPort("127.0.0.1", 0),
        ProxyConfig.defaults()
            .withOverrides(new RevisionOverrides(null, null, null, List.of("127.0.0.1/32"))));
  }

  /** The revision in a Set-Cookie value of the sticky cookie: "relevo_rev=7.sig; Path=/" is 7. */
  static String cookieRevision(String setCookie) {
    return setCookie.substring("relevo_rev=".length(), setCookie.indexOf('.'));
  }

  /** The cookie a browser sends back for a Set-Cookie value: "relevo_rev=7.sig". */
  static String cookieOf(String setCookie) {
    return setCookie.substring(0, setCookie.indexOf(';'));
  }

  TestBackend backend(int revision) {
    TestBackend backend = TestBackend.start(revision);
    backends.add(backend);
    return backend;
  }

  /** An address on this host where nothing listens: connecting to it is refused. */
  static Endpoint refusingEndpoint() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return new Endpoint("127.0.0.1", socket.getLocalPort());
    }
  }

  RevisionStats stats(int revision) {
    return proxy.snapshot(APP, revision);
  }

  int port() {
    return proxy.boundPort(APP);
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port() + path);
  }

  void routeAll(int revision, TestBackend backend) {
    proxy.route(APP, TrafficSplit.all(revision, backend.endpoint()));
  }

  void route(Backend... backends) {
    proxy.route(APP, new TrafficSplit(List.of(backends)));
  }

  void routeSticky(Backend... backends) {
    proxy.route(APP, new TrafficSplit(List.of(backends), true));
  }

  HttpResponse<String> get(String path, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return client.send(
        request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(uri(path));
  }

  @Override
  public void close() {
    proxy.close();
    backends.forEach(TestBackend::close);
    client.close();
  }
}
