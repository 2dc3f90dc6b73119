package io.relevo.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relevo.core.RelevoException;
import io.relevo.core.config.HostPort;
import io.relevo.core.engine.RolloutEngine;
import io.relevo.server.v1.WhoAmI;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API over HTTPS with a certificate of a private CA made in the test, on real sockets. */
class ApiTlsTest {

  private static final String TOKEN = "local-secret";

  @TempDir Path dir;
  private TestCertificates certs;
  private RolloutEngine engine;

  @BeforeEach
  void setUp() throws Exception {
    certs = TestCertificates.create(dir);
    engine = TestAgents.engine(dir, new AtomicBoolean(true));
  }

  @Test
  void withTlsTheApiListensOnEveryAddressAndAnswersAClientThatTrustsTheCa() {
    try (ApiServer api = start(new HostPort("0.0.0.0", 0), new ApiTls(certs.cert(), certs.key()))) {
      assertThat(api.url().getScheme()).isEqualTo("https");
      URI url = URI.create("https://127.0.0.1:" + api.url().getPort());

      AgentClient client = AgentClient.of(url, TOKEN, new AgentCredentials(null, certs.caCert()));

      assertThat(client.tokens().whoami()).isEqualTo(new WhoAmI("local", "admin"));
      assertThat(client.apps()).isEmpty();
    }
  }

  @Test
  void metricsNeedATokenFromBeyondThisHostButNotFromIt() throws Exception {
    Optional<String> lan = siteAddress();
    Assumptions.assumeTrue(lan.isPresent(), "this host has no address but loopback");
    certs = TestCertificates.create(dir, lan.get());
    try (ApiServer api = start(new HostPort("0.0.0.0", 0), new ApiTls(certs.cert(), certs.key()))) {
      URI remote = URI.create("https://" + lan.get() + ":" + api.url().getPort() + "/metrics");
      HttpClient http =
          new AgentCredentials(null, certs.caCert()).httpClient(remote, Duration.ofSeconds(5));
      URI local = URI.create("https://127.0.0.1:" + api.url().getPort() + "/metrics");

      assertThat(get(http, remote, null).statusCode()).isEqualTo(401);
      assertThat(get(http, remote, TOKEN).statusCode()).isEqualTo(200);
      assertThat(get(http, local, null).statusCode()).isEqualTo(200);
    }
  }

  private static HttpResponse<String> get(HttpClient http, URI uri, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Optional<String> siteAddress() throws Exception {
    return NetworkInterface.networkInterfaces()
        .flatMap(NetworkInterface::inetAddresses)
        .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
        .map(InetAddress::getHostAddress)
        .findFirst();
  }

  @Test
  void aClientThatDoesNotTrustTheCaGetsNoAnswer() {
    try (ApiServer api =
        start(new HostPort("127.0.0.1", 0), new ApiTls(certs.cert(), certs.key()))) {
      assertThatThrownBy(() -> AgentClient.of(api.url(), TOKEN).apps())
          .isInstanceOfSatisfying(
              RelevoException.class,
              e -> assertThat(e.kind()).isEqualTo(RelevoException.Kind.UNAVAILABLE));
    }
  }

  @Test
  void plainHttpBeyondLoopbackIsRefusedSayingHowToFixIt() {
    assertThatThrownBy(() -> start(new HostPort("0.0.0.0", 0), ApiTls.OFF))
        .isInstanceOfSatisfying(
            RelevoException.class,
            e -> assertThat(e.kind()).isEqualTo(RelevoException.Kind.BAD_INPUT))
        .hasMessage(
            "--api: 0.0.0.0:0 is beyond this host, where tokens would cross the network in clear"
                + " text (expected: TLS with --api-tls-cert FILE and --api-tls-key FILE, PEM; or a"
                + " loopback address like 127.0.0.1:7070)");
  }

  @Test
  void aKeyThatIsNotTheCertificatesIsRefusedAtStart() throws Exception {
    Path stray = TestCertificates.strayKey(dir);

    assertThatThrownBy(() -> start(new HostPort("127.0.0.1", 0), new ApiTls(certs.cert(), stray)))
        .isInstanceOfSatisfying(
            RelevoException.class,
            e -> assertThat(e.kind()).isEqualTo(RelevoException.Kind.BAD_INPUT))
        .hasMessageStartingWith(
            "--api-tls-key " + stray + ": does not belong to the certificate in " + certs.cert());
  }

  @Test
  void aCertificateFileThatIsNoCertificateIsNamedWithItsFlag() {
    assertThatThrownBy(
            () -> start(new HostPort("127.0.0.1", 0), new ApiTls(certs.key(), certs.key())))
        .hasMessageStartingWith("--api-tls-cert " + certs.key() + ": ");
  }

  @Test
  void aCertificateWithoutItsKeyIsRefused() {
    assertThatThrownBy(() -> new ApiTls(certs.cert(), null))
        .hasMessage(
            "--api-tls-key: missing (expected: both --api-tls-cert FILE and --api-tls-key FILE,"
                + " PEM)");
  }

  @Test
  void keysAsOpensslWritesThemLoad() throws Exception {
    boolean installed = Files.isExecutable(Path.of("/usr/bin/openssl"));
    if (!installed && "1".equals(System.getenv("RELEVO_REQUIRE_ALL"))) {
      throw new AssertionError(
          "RELEVO_REQUIRE_ALL=1 and openssl is not installed (apt install openssl)");
    }
    Assumptions.assumeTrue(installed, "openssl is not installed");
    openssl("genrsa", "-traditional", "-out", "rsa.key", "2048"); // PKCS#1 RSA PRIVATE KEY
    openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "ec.key"); // SEC1
    for (String key : List.of("rsa.key", "ec.key")) {
      openssl(
          "req",
          "-new",
          "-x509",
          "-key",
          key,
          "-subj",
          "/CN=localhost",
          "-days",
          "1",
          "-out",
          key + ".pem",
          "-addext",
          "subjectAltName=IP:127.0.0.1");
      try (ApiServer api =
          start(
              new HostPort("127.0.0.1", 0),
              new ApiTls(dir.resolve(key + ".pem"), dir.resolve(key)))) {
        AgentClient client =
            AgentClient.of(api.url(), TOKEN, new AgentCredentials(null, dir.resolve(key + ".pem")));
        assertThat(client.tokens().whoami().name()).as(key).isEqualTo("local");
      }
    }
  }

  private void openssl(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("/usr/bin/openssl"));
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
  }

  private ApiServer start(HostPort bind, ApiTls tls) {
    return ApiServer.start(bind, tls, ApiParts.of(TOKEN, engine, TestAgents.parser()));
  }
}
