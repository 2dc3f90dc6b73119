package io.relevo.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relevo.core.metrics.RevisionStats;
import io.relevo.core.routing.TrafficSplit.Backend;
import io.relevo.core.runtime.Endpoint;
import java.io.IOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Revision 1 is the stable revision (first in the split), revision 2 the canary. */
class StableRetryTest {

  private final ProxyFixture fixture = new ProxyFixture();
  private final TestBackend stable = fixture.backend(1);

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void getsToACanaryThatRefusesConnectionsAreAnsweredByStableAndCountedRetriedOnTheCanary()
      throws Exception {
    fixture.route(
        new Backend(1, stable.endpoint(), 50), new Backend(2, ProxyFixture.refusingEndpoint(), 50));

    for (int i = 0; i < 4; i++) {
      HttpResponse<String> response = fixture.get("/");
      assertThat(response.statusCode()).as("request %d", i).isEqualTo(200);
      assertThat(response.body()).isEqualTo("revision 1");
    }

    RevisionStats canary = fixture.stats(2);
    assertThat(canary.requests()).isEqualTo(2);
    assertThat(canary.retried()).isEqualTo(2);
    assertThat(canary.connectFailures()).isZero();
    assertThat(canary.errorRate()).isEqualTo(1.0);
    RevisionStats stableStats = fixture.stats(1);
    assertThat(stableStats.requests()).isEqualTo(4);
    assertThat(stableStats.status2xx()).isEqualTo(4);
    assertThat(stableStats.retried()).isZero();
    assertThat(stable.requests()).isEqualTo(4);
  }

  @Test
  void aGetTheCanaryResetsBeforeAnsweringIsAnsweredByStable() throws Exception {
    try (FailingBackend canary = FailingBackend.start(FailingBackend.Failure.RESET_BEFORE_ANSWER)) {
      allOnCanary(canary.endpoint());

      HttpResponse<String> response = fixture.get("/");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("revision 1");
      assertThat(canary.requests()).isEqualTo(1);
      assertThat(fixture.stats(2).retried()).isEqualTo(1);
      assertThat(fixture.stats(1).status2xx()).isEqualTo(1);
    }
  }

  @Test
  void headAndOptionsAreRetriedLikeGet() throws Exception {
    allOnCanary(ProxyFixture.refusingEndpoint());

    HttpResponse<String> head = fixture.send(fixture.request("/").HEAD());
    HttpResponse<String> options =
        fixture.send(fixture.request("/").method("OPTIONS", BodyPublishers.noBody()));

    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.headers().firstValue("X-Revision")).hasValue("1");
    assertThat(options.statusCode()).isEqualTo(200);
    assertThat(options.headers().firstValue("X-Revision")).hasValue("1");
    assertThat(fixture.stats(2).retried()).isEqualTo(2);
  }

  @Test
  void aPostTheCanaryResetsIsNotRetriedButAnswered502AndCountedAsAConnectFailure()
      throws Exception {
    try (FailingBackend canary = FailingBackend.start(FailingBackend.Failure.RESET_BEFORE_ANSWER)) {
      allOnCanary(canary.endpoint());

      HttpResponse<String> response =
          fixture.send(fixture.request("/").POST(BodyPublishers.noBody()));

      assertThat(response.statusCode()).isEqualTo(502);
      assertThat(response.body()).contains("revision 2", "closed the connection before answering");
      assertThat(stable.requests()).isZero();
      RevisionStats stats = fixture.stats(2);
      assertThat(stats.connectFailures()).isEqualTo(1);
      assertThat(stats.retried()).isZero();
      assertThat(stats.requests()).isEqualTo(1);
    }
  }

  @Test
  void aGetWithABodyIsNotRetried() throws Exception {
    allOnCanary(ProxyFixture.refusingEndpoint());

    HttpResponse<String> response =
        fixture.send(fixture.request("/").method("GET", BodyPublishers.ofString("query")));

    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(stable.requests()).isZero();
    assertThat(fixture.stats(2).connectFailures()).isEqualTo(1);
  }

  @Test
  void aResponseTheCanaryBreaksOffAfterItsFirstBytesIsNotRetried() throws Exception {
    try (FailingBackend canary = FailingBackend.start(FailingBackend.Failure.RESET_MID_BODY)) {
      allOnCanary(canary.endpoint());

      // The client has the headers of a 200 and part of its body, then a closed connection.
      assertThatThrownBy(() -> fixture.get("/")).isInstanceOf(IOException.class);

      assertThat(canary.requests()).isEqualTo(1);
      assertThat(stable.requests()).isZero();
      assertThat(fixture.stats(2).retried()).isZero();
      assertThat(fixture.stats(1).requests()).isZero();
    }
  }

  @Test
  void aFailureOfTheStableRevisionIsNotRetriedOnTheCanary() throws Exception {
    TestBackend canary = fixture.backend(2);
    fixture.route(
        new Backend(1, ProxyFixture.refusingEndpoint(), 100), new Backend(2, canary.endpoint(), 0));

    HttpResponse<String> response = fixture.get("/");

    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(response.body()).contains("revision 1");
    assertThat(canary.requests()).isZero();
    assertThat(fixture.stats(1).connectFailures()).isEqualTo(1);
    assertThat(fixture.stats(1).retried()).isZero();
  }

  @Test
  void whenStableFailsTheRetryTooTheClientGets502AndNoThirdRevisionIsTried() throws Exception {
    TestBackend third = fixture.backend(3);
    fixture.route(
        new Backend(1, ProxyFixture.refusingEndpoint(), 0),
        new Backend(2, ProxyFixture.refusingEndpoint(), 100),
        new Backend(3, third.endpoint(), 0));

    HttpResponse<String> response = fixture.get("/");

    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(response.body()).contains("revision 1", "refused the connection");
    assertThat(fixture.stats(2).retried()).isEqualTo(1);
    assertThat(fixture.stats(1).connectFailures()).isEqualTo(1);
    assertThat(third.requests()).isZero();
  }

  @Test
  void aRequestTheRevisionHeaderPinsToTheCanaryIsNotRetriedElsewhere() throws Exception {
    fixture.allowOverridesFromThisHost();
    fixture.route(
        new Backend(1, stable.endpoint(), 100), new Backend(2, ProxyFixture.refusingEndpoint(), 0));

    assertThat(fixture.get("/", "X-Relevo-Revision", "2").statusCode()).isEqualTo(502);
    assertThat(fixture.get("/", "X-Relevo-Revision", "canary").statusCode()).isEqualTo(502);

    assertThat(stable.requests()).isZero();
    assertThat(fixture.stats(2).connectFailures()).isEqualTo(2);
    assertThat(fixture.stats(2).retried()).isZero();
  }

  @Test
  void inAStickySplitTheCookieOfARetriedRequestNamesTheStableRevisionThatAnsweredIt()
      throws Exception {
    fixture.routeSticky(
        new Backend(1, stable.endpoint(), 50), new Backend(2, ProxyFixture.refusingEndpoint(), 50));

    fixture.get("/"); // the first slot of the cycle: stable
    HttpResponse<String> response = fixture.get("/"); // the canary's, retried on stable

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("X-Revision")).hasValue("1");
    String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(ProxyFixture.cookieRevision(setCookie)).isEqualTo("1");
    assertThat(fixture.stats(2).retried()).isEqualTo(1);
    // The client now stays on the revision it got, as with any first answer.
    String cookie = ProxyFixture.cookieOf(setCookie);
    assertThat(fixture.get("/", "Cookie", cookie).body()).isEqualTo("revision 1");
    assertThat(fixture.get("/", "Cookie", cookie).body()).isEqualTo("revision 1");
    assertThat(fixture.stats(2).requests()).isEqualTo(1);
  }

  @Test
  void aRetriedRequestLeavesNeitherRevisionWithARequestInFlight() throws Exception {
    allOnCanary(ProxyFixture.refusingEndpoint());

    assertThat(fixture.get("/").statusCode()).isEqualTo(200);

    InFlightTest.awaitNoneInFlight(fixture, 1);
    InFlightTest.awaitNoneInFlight(fixture, 2);
  }

  /** The canary's last step: all traffic on it, the stable revision still first, at weight 0. */
  private void allOnCanary(Endpoint canary) {
    fixture.route(new Backend(1, stable.endpoint(), 0), new Backend(2, canary, 100));
  }
}
