package io.relevo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.relevo.core.engine.AppStatus;
import io.relevo.core.routing.TrafficSplit;
import io.relevo.core.runtime.Endpoint;
import io.relevo.core.runtime.InstanceRecord;
import io.relevo.core.store.Revision;
import io.relevo.server.v1.AppView;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AppStatusViewTest {

  private static final Revision STABLE =
      new Revision(
          "shop",
          2,
          "1.1.0",
          "h",
          "app: shop",
          "/srv/shop/relevo.yml",
          Revision.State.SERVING,
          new InstanceRecord("4242", "127.0.0.1", 41000, 0),
          Instant.parse("2026-11-24T10:00:00Z"),
          null,
          null);

  private static String print(AppStatus status) {
    StringWriter out = new StringWriter();
    AppStatusView.print(AppView.of(status), new PrintWriter(out));
    return out.toString();
  }

  @Test
  void anUnhealthyServingRevisionIsShownAsAnAlertUnderTheStableLine() {
    String alert =
        "revision 2 (1.1.0) fails its liveness check since 2026-11-24T10:05:00Z (3 in a row);"
            + " last: HTTP 503 (expected: 200)";
    String text =
        print(
            new AppStatus(
                "shop",
                "production",
                "127.0.0.1:8080",
                STABLE,
                List.of(STABLE),
                TrafficSplit.all(2, new Endpoint("127.0.0.1", 41000)),
                null,
                null,
                List.of(alert)));

    assertThat(text).contains("stable:   2 (1.1.0)").contains("ALERT:    " + alert);
  }

  @Test
  void anAppTheAgentCouldNotRecoverShowsItsFrontDoorClosedAndWhyAlsoInTheListOfApps() {
    String why =
        "not recovered when the agent started: the config of revision 2 (1.1.0) no longer loads:"
            + " relevo.yml:5: listen: ${PORT} is not set";
    AppStatus status =
        new AppStatus(
            "shop",
            null,
            null,
            STABLE,
            List.of(STABLE),
            TrafficSplit.none(),
            null,
            null,
            List.of(why));

    assertThat(print(status))
        .startsWith("app:      shop\nlisten:   none: the front door is closed\n")
        .contains("ALERT:    " + why);
    StringWriter all = new StringWriter();
    StatusCommand.printAll(List.of(AppView.of(status)), new PrintWriter(all));
    assertThat(all.toString()).contains("ALERT shop: " + why);
  }

  @Test
  void aWatchAfterPromotionShowsTheTimeLeftAndTheLastVerdict() {
    var watch =
        new AppStatus.Watch(
            2,
            "1.1.0",
            1,
            java.time.Instant.parse("2026-11-24T10:10:00Z"),
            "4m12s",
            "pass at 2026-11-24T10:05:48Z: error-rate: canary 0.1% vs stable 0.1%");
    String text =
        print(
            new AppStatus(
                "shop",
                "production",
                "127.0.0.1:8080",
                STABLE,
                List.of(STABLE),
                TrafficSplit.all(2, new Endpoint("127.0.0.1", 41000)),
                null,
                null,
                List.of(),
                watch));

    assertThat(text)
        .contains(
            "watch:    revision 2 (1.1.0) watched against 1 until 2026-11-24T10:10:00Z (4m12s"
                + " left); last: pass at 2026-11-24T10:05:48Z: error-rate: canary 0.1% vs stable"
                + " 0.1%");
  }

  @Test
  void aRevisionWithACanaryShareShowsStateCanary() {
    Revision canary =
        new Revision(
            "shop",
            3,
            "1.2.0",
            "h",
            "app: shop",
            "/srv/shop/relevo.yml",
            Revision.State.CANARY,
            new InstanceRecord("4343", "127.0.0.1", 41001, 0),
            Instant.parse("2026-11-24T10:01:00Z"),
            null,
            null);
    String text =
        print(
            new AppStatus(
                "shop",
                "production",
                "127.0.0.1:8080",
                STABLE,
                List.of(canary, STABLE),
                new TrafficSplit(
                    List.of(
                        new TrafficSplit.Backend(2, new Endpoint("127.0.0.1", 41000), 90),
                        new TrafficSplit.Backend(3, new Endpoint("127.0.0.1", 41001), 10)),
                    false),
                null,
                null));

    List<String> running =
        text.lines().dropWhile(line -> !line.startsWith("REVISION  VERSION  STATE")).toList();
    assertThat(running).hasSize(3);
    assertThat(running.get(1)).startsWith("3 ").contains(" canary ");
    assertThat(running.get(2)).startsWith("2 ").contains(" serving ");
  }

  @Test
  void aHealthyAppHasNoAlertLine() {
    String text =
        print(
            new AppStatus(
                "shop",
                "production",
                "127.0.0.1:8080",
                STABLE,
                List.of(STABLE),
                TrafficSplit.all(2, new Endpoint("127.0.0.1", 41000)),
                null,
                null));

    assertThat(text).doesNotContain("ALERT");
  }
}
