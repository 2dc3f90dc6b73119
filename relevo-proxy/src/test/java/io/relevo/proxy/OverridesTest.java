package io.relevo.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.relevo.core.config.HostPort;
import io.relevo.core.config.ProxyConfig;
import io.relevo.core.config.RevisionOverrides;
import io.relevo.core.routing.TrafficSplit.Backend;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who may choose a revision, and what the app sees of relevo's headers and cookies. */
class OverridesTest {

  private static final String TOKEN = "0123456789abcdef-preview";

  private final ProxyFixture fixture = new ProxyFixture();
  private TestBackend stable;

  @BeforeEach
  void routeAllToStableWithACanaryAtZero() {
    stable = fixture.backend(1);
    fixture.route(
        new Backend(1, stable.endpoint(), 100), new Backend(2, fixture.backend(2).endpoint(), 0));
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  private void configure(ProxyConfig settings) {
    fixture.proxy.open(ProxyFixture.APP, new HostPort("127.0.0.1", 0), settings);
  }

  private static ProxyConfig withToken() {
    return ProxyConfig.defaults()
        .withOverrides(new RevisionOverrides(null, null, TOKEN, List.of()));
  }

  @Test
  void byDefaultAnAnonymousClientCannotReachTheCanaryByHeaderOrCookie() throws Exception {
    for (String asked : List.of("2", "canary", "stable")) {
      assertThat(fixture.get("/", "X-Relevo-Revision", asked).body()).isEqualTo("revision 1");
    }
    assertThat(fixture.get("/", "Cookie", "relevo_override=canary").body()).isEqualTo("revision 1");
    assertThat(fixture.get("/", "X-Relevo-Revision", "2", "X-Relevo-Token", TOKEN).body())
        .isEqualTo("revision 1");
  }

  @Test
  void withATokenOnlyARequestCarryingItReachesTheRevisionItNames() throws Exception {
    configure(withToken());

    assertThat(fixture.get("/", "X-Relevo-Revision", "canary", "X-Relevo-Token", TOKEN).body())
        .isEqualTo("revision 2");
    assertThat(fixture.get("/", "X-Relevo-Revision", "2", "X-Relevo-Token", TOKEN).body())
        .isEqualTo("revision 2");
    assertThat(fixture.get("/", "X-Relevo-Revision", "2", "X-Relevo-Token", TOKEN + "x").body())
        .isEqualTo("revision 1");
    assertThat(fixture.get("/", "X-Relevo-Revision", "2", "X-Relevo-Token", "").body())
        .isEqualTo("revision 1");
    assertThat(fixture.get("/", "X-Relevo-Revision", "2").body()).isEqualTo("revision 1");
  }

  @Test
  void theOverrideCookieWorksWithTheToken() throws Exception {
    configure(withToken());

    assertThat(fixture.get("/", "Cookie", "relevo_override=canary", "X-Relevo-Token", TOKEN).body())
        .isEqualTo("revision 2");
    assertThat(fixture.get("/", "Cookie", "relevo_override=canary").body()).isEqualTo("revision 1");
  }

  @Test
  void aClientFromAnAllowedNetworkNeedsNoToken() throws Exception {
    configure(
        ProxyConfig.defaults()
            .withOverrides(new RevisionOverrides(null, null, null, List.of("127.0.0.0/8"))));
    assertThat(fixture.get("/", "X-Relevo-Revision", "2").body()).isEqualTo("revision 2");

    configure(
        ProxyConfig.defaults()
            .withOverrides(new RevisionOverrides(null, null, null, List.of("10.0.0.0/8"))));
    assertThat(fixture.get("/", "X-Relevo-Revision", "2").body()).isEqualTo("revision 1");
  }

  @Test
  void theHeaderAndTokenNamesAreConfigurable() throws Exception {
    configure(
        ProxyConfig.defaults()
            .withOverrides(new RevisionOverrides("X-Preview", "X-Preview-Key", TOKEN, null)));

    assertThat(fixture.get("/", "X-Preview", "canary", "X-Preview-Key", TOKEN).body())
        .isEqualTo("revision 2");
    assertThat(fixture.get("/", "X-Relevo-Revision", "canary", "X-Relevo-Token", TOKEN).body())
        .isEqualTo("revision 1");
  }

  @Test
  void theAppNeverSeesTheOverrideHeaderTheTokenOrRelevosCookies() throws Exception {
    configure(withToken());

    String seen =
        fixture
            .get(
                "/headers",
                "X-Relevo-Revision",
                "2",
                "X-Relevo-Token",
                TOKEN,
                "Cookie",
                "session=abc; relevo_override=2; relevo_rev=1.x; theme=dark")
            .body()
            .toLowerCase();

    assertThat(seen).doesNotContain("x-relevo-revision", "x-relevo-token", TOKEN, "relevo_");
    assertThat(seen).contains("cookie: session=abc; theme=dark");
  }

  @Test
  void anAnonymousRequestsOverrideHeaderIsStrippedToo() throws Exception {
    String seen = fixture.get("/headers", "X-Relevo-Revision", "2").body().toLowerCase();

    assertThat(seen).doesNotContain("x-relevo-revision");
  }

  @Test
  void theRevisionHeaderSaysWhichRevisionAnswered() throws Exception {
    assertThat(fixture.get("/").headers().firstValue("X-Relevo-Revision")).isEmpty();

    configure(withToken().withRevisionHeader("X-Relevo-Revision"));
    assertThat(fixture.get("/").headers().firstValue("X-Relevo-Revision")).hasValue("1");
    HttpResponse<String> canary =
        fixture.get("/", "X-Relevo-Revision", "canary", "X-Relevo-Token", TOKEN);
    assertThat(canary.headers().firstValue("X-Relevo-Revision")).hasValue("2");
  }

  @Test
  void aForgedStickyCookieDoesNotPickTheRevision() throws Exception {
    TestBackend one = fixture.backend(11);
    TestBackend two = fixture.backend(12);
    fixture.routeSticky(new Backend(11, one.endpoint(), 99), new Backend(12, two.endpoint(), 1));

    int onCanary = 0;
    for (int i = 0; i < 50; i++) {
      String forged = i % 2 == 0 ? "relevo_rev=12" : "relevo_rev=12.AAAAAAAAAAAAAAAAAAAAAA";
      HttpResponse<String> response = fixture.get("/", "Cookie", forged);
      onCanary += response.body().equals("revision 12") ? 1 : 0;
    }
    assertThat(onCanary).isLessThanOrEqualTo(2); // the split's 1%, not the cookie's choice

    HttpResponse<String> first = fixture.get("/");
    String cookie = ProxyFixture.cookieOf(first.headers().firstValue("Set-Cookie").orElseThrow());
    for (int i = 0; i < 10; i++) {
      assertThat(fixture.get("/", "Cookie", cookie).body()).isEqualTo(first.body());
    }
  }
}
