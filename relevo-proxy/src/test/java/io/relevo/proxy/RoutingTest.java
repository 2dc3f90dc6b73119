package io.relevo.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.relevo.core.routing.TrafficSplit.Backend;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RoutingTest {

  private final ProxyFixture fixture = new ProxyFixture();

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void tenThousandRequestsAtTenNinetyLandWithinOnePointOfTheWeights() throws Exception {
    TestBackend one = fixture.backend(1);
    TestBackend two = fixture.backend(2);
    fixture.route(new Backend(1, one.endpoint(), 10), new Backend(2, two.endpoint(), 90));

    Map<String, Integer> counts = new HashMap<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      List<Future<Map<String, Integer>>> parts = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        parts.add(
            pool.submit(
                () -> {
                  Map<String, Integer> part = new HashMap<>();
                  for (int i = 0; i < 2_500; i++) {
                    HttpResponse<String> response = fixture.get("/");
                    part.merge(response.body(), 1, Integer::sum);
                  }
                  return part;
                }));
      }
      for (Future<Map<String, Integer>> part : parts) {
        part.get().forEach((body, n) -> counts.merge(body, n, Integer::sum));
      }
    }

    assertThat(counts.get("revision 1") / 100.0).isBetween(9.0, 11.0);
    assertThat(counts.get("revision 2") / 100.0).isBetween(89.0, 91.0);
    assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(10_000);
  }

  @Test
  void theRevisionHeaderReachesARevisionAtWeightZero() throws Exception {
    fixture.allowOverridesFromThisHost();
    fixture.route(
        new Backend(1, fixture.backend(1).endpoint(), 100),
        new Backend(2, fixture.backend(2).endpoint(), 0));

    assertThat(fixture.get("/", "X-Relevo-Revision", "2").body()).isEqualTo("revision 2");
    assertThat(fixture.get("/", "X-Relevo-Revision", "7").body()).isEqualTo("revision 1");
    assertThat(fixture.get("/").body()).isEqualTo("revision 1");
  }

  @Test
  void testersReachTheCanaryOrTheStableByRole() throws Exception {
    fixture.allowOverridesFromThisHost();
    fixture.route(
        new Backend(4, fixture.backend(4).endpoint(), 100),
        new Backend(7, fixture.backend(7).endpoint(), 0));

    assertThat(fixture.get("/", "X-Relevo-Revision", "canary").body()).isEqualTo("revision 7");
    assertThat(fixture.get("/", "X-Relevo-Revision", "Stable").body()).isEqualTo("revision 4");
    assertThat(fixture.get("/", "X-Relevo-Revision", "blue").body()).isEqualTo("revision 4");
  }

  @Test
  void theStickyCookieKeepsAClientOnOneRevisionWhileItHasWeight() throws Exception {
    TestBackend one = fixture.backend(1);
    TestBackend two = fixture.backend(2);
    fixture.routeSticky(new Backend(1, one.endpoint(), 50), new Backend(2, two.endpoint(), 50));

    HttpResponse<String> first = fixture.get("/");
    String cookie = first.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie).startsWith("relevo_rev=");
    String revision = ProxyFixture.cookieRevision(cookie);
    for (int i = 0; i < 20; i++) {
      HttpResponse<String> next = fixture.get("/", "Cookie", ProxyFixture.cookieOf(cookie));
      assertThat(next.body()).isEqualTo("revision " + revision);
      assertThat(next.headers().firstValue("Set-Cookie")).isEmpty();
    }

    // Once its revision has no weight, the cookie no longer holds and the client is moved.
    int other = revision.equals("1") ? 2 : 1;
    fixture.routeSticky(
        new Backend(Integer.parseInt(revision), (revision.equals("1") ? one : two).endpoint(), 0),
        new Backend(other, (other == 1 ? one : two).endpoint(), 100));
    HttpResponse<String> moved = fixture.get("/", "Cookie", ProxyFixture.cookieOf(cookie));
    assertThat(moved.body()).isEqualTo("revision " + other);
    assertThat(moved.headers().firstValue("Set-Cookie"))
        .hasValueSatisfying(c -> assertThat(ProxyFixture.cookieRevision(c)).isEqualTo("" + other));
  }

  @Test
  void withoutStickinessNoCookieIsSet() throws Exception {
    fixture.routeAll(1, fixture.backend(1));

    assertThat(fixture.get("/").headers().firstValue("Set-Cookie")).isEmpty();
  }
}
