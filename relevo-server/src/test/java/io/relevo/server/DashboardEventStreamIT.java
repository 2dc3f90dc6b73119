package io.relevo.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The dashboard's side of the event stream contract, in a real headless chromium: it reads the
 * stream with the token, draws what each message type says, resumes with Last-Event-ID after a drop
 * and starts over on reset; without a stream it polls. Against {@link DashboardStandIn}, which
 * sends each message when the test says so.
 */
class DashboardEventStreamIT {

  private static final String TOKEN = "stand-in-token";
  private static final Instant T0 = Instant.parse("2026-12-07T08:00:00Z");

  private BrowserCheck browser;
  private DashboardStandIn agent;

  @BeforeEach
  void start() throws Exception {
    browser = BrowserCheck.require();
    agent = new DashboardStandIn();
    agent.answers.put("/api/v1/apps", "[" + canaryStatus(10) + "]");
    agent.answers.put("/api/v1/apps/shop", canaryStatus(10));
    agent.answers.put("/api/v1/apps/shop/history", "[]");
    agent.answers.put("/api/v1/apps/shop/revisions", "[]");
  }

  @AfterEach
  void stop() {
    agent.close();
  }

  @Test
  void theStreamIsDrawnResumedWithTheLastIdAndDroppedOnReset() {
    agent.answers.put("/api/v1/whoami", "{\"name\":\"ci-bot\",\"role\":\"deployer\"}");
    try (DashboardBrowser page = new DashboardBrowser(browser, agent.url(), 1280, 1400)) {
      page.open("/ui/#/apps/shop");
      page.await(Duration.ofSeconds(10)).until(d -> d.findElement(By.id("token")).isDisplayed());
      page.driver.findElement(By.id("token")).sendKeys(TOKEN + "\n");
      page.await(Duration.ofSeconds(10)).until(d -> agent.eventRequests.size() == 1);

      agent.send("boot:1", "status", canaryStatus(10));
      agent.send("boot:2", "weights", weights(30));
      agent.send(
          "boot:3",
          "rollout",
          "{\"rolloutId\":7,\"event\":{\"at\":\"%s\",\"step\":\"weight\",\"status\":\"OK\",\"message\":\"30%% of traffic on canary revision 2 (v2)\",\"took\":null}}"
              .formatted(T0.plusSeconds(5)));
      agent.send(
          "boot:4",
          "analysis",
          "{\"rolloutId\":7,\"at\":\"%s\",\"revision\":2,\"metric\":\"error_rate\",\"value\":0.01,\"threshold\":0.05,\"canary\":0.02,\"stable\":0.01,\"condition\":\"canary - stable > 0.05\",\"verdict\":\"PASS\"}"
              .formatted(T0.plusSeconds(6)));
      for (int i = 0; i < 10; i++) {
        agent.send("boot:" + (5 + i), "traffic", traffic(T0.plusSeconds(i), 30));
      }
      agent.ping();

      page.await(Duration.ofSeconds(10)).until(d -> page.weightOf(2) == 30);
      assertThat(page.weightOf(1)).isEqualTo(70);
      assertThat(text(page, "app-meta")).contains("live from the event stream");
      assertThat(text(page, "timeline"))
          .contains("30% of traffic on canary revision 2 (v2)")
          .contains("error_rate of revision 2: canary 0.02 vs stable 0.01");
      page.await(Duration.ofSeconds(10))
          .until(d -> !d.findElements(By.cssSelector("#chart-errors canvas")).isEmpty());
      assertThat(text(page, "latest-errors"))
          .contains("canary v2: 2.00 %")
          .contains("stable v1: 1.00 %")
          .contains("limit (error_rate): 6 %");
      assertThat(text(page, "latest-rps")).contains("canary v2: 30.00 req/s");
      assertThat(buttons(page)).containsExactly("promote", "abort");
      assertThat(agent.eventRequests.getFirst())
          .containsEntry("authorization", "Bearer " + TOKEN)
          .doesNotContainKey("last-event-id");
      page.screenshot("stream-canary-at-30");
      assertThat(page.audit()).as("accessibility with charts").isEmpty();

      agent.drop();
      page.await(Duration.ofSeconds(15)).until(d -> agent.eventRequests.size() == 2);
      assertThat(agent.eventRequests.get(1))
          .containsEntry("last-event-id", "boot:14")
          .containsEntry("authorization", "Bearer " + TOKEN);

      agent.send("boot2:1", "reset", "{}");
      agent.send("boot2:2", "status", stableStatus());
      page.await(Duration.ofSeconds(10)).until(d -> page.weightOf(2) == 100);
      assertThat(page.weightOf(1)).isZero();
      assertThat(page.roleOf(2)).isEqualTo("stable");
      assertThat(page.driver.findElements(By.cssSelector("#chart-errors canvas"))).isEmpty();
      assertThat(buttons(page)).containsExactly("rollback");
      page.screenshot("stream-after-reset");
    }
  }

  @Test
  void withoutAStreamThePagePollsAViewerSeesNoActionsAndARefusedTokenLogsOut() {
    agent.withoutStream();
    agent.answers.put("/api/v1/whoami", "{\"name\":\"watcher\",\"role\":\"viewer\"}");
    try (DashboardBrowser page = new DashboardBrowser(browser, agent.url(), 1280, 1000)) {
      page.open("/ui/#/apps/shop");
      page.await(Duration.ofSeconds(10)).until(d -> d.findElement(By.id("token")).isDisplayed());
      page.driver.findElement(By.id("token")).sendKeys(TOKEN + "\n");
      page.await(Duration.ofSeconds(10)).until(d -> page.weightOf(2) == 10);

      agent.answers.put("/api/v1/apps/shop", canaryStatus(50));
      page.await(Duration.ofSeconds(10)).until(d -> page.weightOf(2) == 50);
      assertThat(text(page, "app-meta")).contains("polling every second");
      assertThat(text(page, "charts-note")).contains("need the agent's event stream");
      assertThat(text(page, "who-role")).isEqualTo("viewer");
      assertThat(buttons(page)).isEmpty();

      agent.refuseTokens();
      page.await(Duration.ofSeconds(10)).until(d -> d.findElement(By.id("token")).isDisplayed());
      assertThat(text(page, "error")).isEqualTo("missing or wrong bearer token");
      assertThat(page.driver.executeScript("return sessionStorage.getItem('relevo.token')"))
          .isNull();
    }
  }

  @Test
  void anApproverSeesOnlyApproveWhileTheRolloutWaitsAndConfirmsIt() {
    agent.withoutStream();
    agent.answers.put("/api/v1/whoami", "{\"name\":\"ann\",\"role\":\"approver\"}");
    agent.answers.put(
        "/api/v1/apps/shop",
        canaryStatus(0)
            .replace(
                "\"took\":null}]",
                "\"took\":null},{\"at\":\"%s\",\"step\":\"approval\",\"status\":\"STARTED\",\"message\":\"waiting for 1 approval\",\"took\":null}]"
                    .formatted(T0.plusSeconds(1))));
    agent.answers.put("/api/v1/apps/shop/approve", "{\"state\":\"approved\"}");
    try (DashboardBrowser page = new DashboardBrowser(browser, agent.url(), 1280, 1000)) {
      page.open("/ui/#/apps/shop");
      page.await(Duration.ofSeconds(10)).until(d -> d.findElement(By.id("token")).isDisplayed());
      page.driver.findElement(By.id("token")).sendKeys(TOKEN + "\n");
      page.await(Duration.ofSeconds(10)).until(d -> buttons(page).equals(List.of("approve")));

      page.driver.findElement(By.cssSelector("button[data-action='approve']")).click();
      page.await(Duration.ofSeconds(5))
          .until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm")));
      assertThat(text(page, "confirm-title")).isEqualTo("Approve rollout #7 of shop?");
      page.driver.findElement(By.cssSelector("#confirm button[value='cancel']")).click();
      assertThat(agent.posts).isEmpty();

      page.driver.findElement(By.cssSelector("button[data-action='approve']")).click();
      page.await(Duration.ofSeconds(5))
          .until(ExpectedConditions.elementToBeClickable(By.id("confirm-ok")))
          .click();
      page.await(Duration.ofSeconds(10)).until(d -> !agent.posts.isEmpty());
      assertThat(agent.posts)
          .containsExactly("/api/v1/apps/shop/approve {\"rollout\":7,\"actor\":\"ann\"}");
      page.await(Duration.ofSeconds(5))
          .until(d -> text(page, "action-result").equals("Approve sent."));
    }
  }

  @Test
  void anErrorShowsTheAgentsOwnWords() {
    agent.answers.put("/api/v1/whoami", "{\"name\":\"ci-bot\",\"role\":\"admin\"}");
    agent.answers.remove("/api/v1/apps/shop/history");
    try (DashboardBrowser page = new DashboardBrowser(browser, agent.url(), 1280, 1000)) {
      page.open("/ui/#/apps/shop");
      page.await(Duration.ofSeconds(10)).until(d -> d.findElement(By.id("token")).isDisplayed());
      page.driver.findElement(By.id("token")).sendKeys(TOKEN + "\n");
      WebElement error =
          page.await(Duration.ofSeconds(10))
              .until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
      assertThat(error.getText()).isEqualTo("no API at /api/v1/apps/shop/history");
    }
  }

  private static String text(DashboardBrowser page, String id) {
    return page.driver.findElement(By.id(id)).getText();
  }

  private static java.util.List<String> buttons(DashboardBrowser page) {
    return page.driver.findElements(By.cssSelector("#actions button")).stream()
        .map(b -> b.getAttribute("data-action"))
        .toList();
  }

  private static String canaryStatus(int weight) {
    return """
        {"app":"shop","env":"production","listen":"127.0.0.1:8080",
         "stable":{"app":"shop","number":1,"version":"v1","state":"SERVING"},
         "running":[{"app":"shop","number":2,"version":"v2","state":"CANARY"},
                    {"app":"shop","number":1,"version":"v1","state":"SERVING"}],
         "split":{"backends":[{"revision":1,"weight":%d},{"revision":2,"weight":%d}],"sticky":false},
         "activeRollout":{"id":7,"app":"shop","kind":"DEPLOY","fromRevision":1,"toRevision":2,
           "strategy":"canary","actor":"ci","reason":"","startedAt":"%s","finishedAt":null,
           "outcome":"RUNNING","outcomeReason":null,"events":[{"at":"%s","step":"rollout",
           "status":"STARTED","message":"deploying v2 to shop as revision 2 (canary)","took":null}]},
         "progress":{"step":1,"steps":3,"description":"weight %d%%","canaryWeight":%d,
           "paused":false,"evidence":[]},
         "alerts":[]}
        """
        .formatted(100 - weight, weight, T0, T0, weight, weight)
        .replace("\n", "");
  }

  private static String stableStatus() {
    return """
        {"app":"shop","env":"production","listen":"127.0.0.1:8080",
         "stable":{"app":"shop","number":2,"version":"v2","state":"SERVING"},
         "running":[{"app":"shop","number":2,"version":"v2","state":"SERVING"},
                    {"app":"shop","number":1,"version":"v1","state":"WARM"}],
         "split":{"backends":[{"revision":2,"weight":100}],"sticky":false},
         "activeRollout":null,"progress":null,"alerts":[]}
        """
        .replace("\n", "");
  }

  private static String weights(int canary) {
    return ("{\"rolloutId\":7,\"at\":\"%s\",\"weights\":[{\"revision\":1,\"version\":\"v1\","
            + "\"role\":\"stable\",\"weight\":%d},{\"revision\":2,\"version\":\"v2\","
            + "\"role\":\"canary\",\"weight\":%d}]}")
        .formatted(T0.plusSeconds(5), 100 - canary, canary);
  }

  private static String traffic(Instant at, int canary) {
    return ("{\"at\":\"%s\",\"revisions\":[{\"revision\":1,\"version\":\"v1\",\"role\":\"stable\","
            + "\"weight\":%d,\"rps\":%d.0,\"errorRate\":0.01,\"p50Ms\":1.0,\"p99Ms\":5.0},"
            + "{\"revision\":2,\"version\":\"v2\",\"role\":\"canary\",\"weight\":%d,\"rps\":%d.0,"
            + "\"errorRate\":0.02,\"p50Ms\":1.5,\"p99Ms\":8.0}]}")
        .formatted(at, 100 - canary, 100 - canary, canary, canary);
  }
}
