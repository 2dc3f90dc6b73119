package io.relevo.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.relevo.core.config.ConfigLoader;
import io.relevo.core.config.HostPort;
import io.relevo.core.engine.DeployRequest;
import io.relevo.core.engine.RolloutEngine;
import io.relevo.core.engine.RolloutListener;
import io.relevo.core.runtime.FreePort;
import io.relevo.core.store.RolloutRecord;
import io.relevo.core.store.RolloutRecord.Outcome;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The dashboard in a real headless chromium against a real agent that ships the example app as
 * processes, with traffic flowing through its proxy: log in, watch a canary walk 10 → 50 → 100,
 * abort the next one from the page and see traffic back on stable; keyboard only; a phone's width.
 * Screenshots of each state land in {@code target/screenshots/}.
 */
class DashboardIT {

  @TempDir static Path dir;
  private static Agent agent;
  private static RolloutEngine engine;
  private static int port;
  private static String token;
  private static Thread load;
  private BrowserCheck browser;

  @BeforeAll
  static void startAgentWithAStableRevision() throws Exception {
    port = FreePort.pick();
    agent =
        Agent.start(
            new AgentOptions(new StateDir(dir.resolve("state")), new HostPort("127.0.0.1", 0)));
    engine = agent.engine();
    token = agent.stateDir().readToken().orElseThrow();
    RolloutRecord first = engine.deploy(request("v1", "[{weight: 100}]"), RolloutListener.none());
    assertThat(first.outcome()).as(first.outcomeReason()).isEqualTo(Outcome.PROMOTED);
    load = Thread.ofVirtual().start(DashboardIT::gentleLoad);
  }

  @AfterAll
  static void stopAgent() throws Exception {
    if (load != null) {
      load.interrupt();
    }
    if (agent != null) {
      engine.stop("shop", "test"); // the agent leaves revisions running when it closes
      agent.close();
    }
  }

  @BeforeEach
  void needsABrowser() {
    browser = BrowserCheck.require();
  }

  @Test
  void aCanaryWalksTenFiftyHundredOnThePageAndAnAbortFromThePagePutsTrafficBackOnStable()
      throws Exception {
    try (DashboardBrowser page = new DashboardBrowser(browser, agent.url(), 1280, 1600)) {
      logIn(page);
      page.await(Duration.ofSeconds(10))
          .until(ExpectedConditions.elementToBeClickable(By.linkText("shop")))
          .click();
      page.await(Duration.ofSeconds(10)).until(d -> page.weightOf(1) == 100);

      CompletableFuture<RolloutRecord> canary =
          deployInBackground(
              "v2", "[{weight: 10}, {pause: 5s}, {weight: 50}, {pause: 5s}, {weight: 100}]");
      for (int weight : new int[] {10, 50}) {
        page.await(Duration.ofSeconds(30)).until(d -> page.weightOf(2) == weight);
        assertThat(page.roleOf(2)).isEqualTo("canary");
        assertThat(page.weightOf(1)).isEqualTo(100 - weight);
        page.screenshot("1-canary-at-" + weight);
        assertThat(page.audit()).as("accessibility of the app during a canary").isEmpty();
      }
      if (page.driver.findElement(By.id("app-meta")).getText().contains("event stream")) {
        // An agent with the event stream sends traffic figures: the canary's line is drawn.
        page.await(Duration.ofSeconds(10))
            .until(
                d ->
                    d.findElement(By.id("latest-rps")).getText().contains("canary v2:")
                        && !d.findElements(By.cssSelector("#chart-rps canvas")).isEmpty());
      }
      page.await(Duration.ofSeconds(30)).until(d -> page.weightOf(2) == 100);
      assertThat(canary.get(30, TimeUnit.SECONDS).outcome()).isEqualTo(Outcome.PROMOTED);
      page.await(Duration.ofSeconds(10)).until(d -> page.roleOf(2).equals("stable"));
      page.screenshot("2-canary-promoted-at-100");

      CompletableFuture<RolloutRecord> held =
          deployInBackground("v3", "[{weight: 25}, {pause: {}}, {weight: 100}]");
      page.await(Duration.ofSeconds(30)).until(d -> page.weightOf(3) == 25 || held.isDone());
      assertThat(held).as(() -> "the deploy of v3 ended early: " + held.join()).isNotDone();
      WebElement abort =
          page.await(Duration.ofSeconds(10))
              .until(
                  ExpectedConditions.elementToBeClickable(
                      By.cssSelector("button[data-action='abort']")));
      page.screenshot("3-second-canary-at-25");
      abort.click();
      page.await(Duration.ofSeconds(5))
          .until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm")));
      page.driver.findElement(By.id("confirm-reason")).sendKeys("v3 looks wrong");
      assertThat(page.audit()).as("accessibility of the confirmation").isEmpty();
      page.screenshot("4-abort-confirmation");
      page.driver.findElement(By.id("confirm-ok")).click();

      page.await(Duration.ofSeconds(20))
          .until(d -> page.weightOf(2) == 100 && page.weightOf(3) == 0);
      RolloutRecord aborted = held.get(30, TimeUnit.SECONDS);
      assertThat(aborted.outcome()).isIn(Outcome.ABORTED, Outcome.ROLLED_BACK);
      assertThat(aborted.events())
          .anySatisfy(e -> assertThat(e.message()).contains("v3 looks wrong"));
      page.await(Duration.ofSeconds(10))
          .until(
              d ->
                  d.findElement(By.id("history"))
                      .getText()
                      .contains("#" + aborted.id() + " deploy to revision 3 (v3)"));
      // The summary follows the app's status, which the stream sends once the agent re-reads it
      // (up to a second after the abort's events; the history may show the abort first).
      page.await(Duration.ofSeconds(10))
          .until(
              d ->
                  d.findElement(By.id("rollout-summary"))
                      .getText()
                      .contains("Revision 2 (v2) is stable"));
      page.screenshot("5-aborted-back-on-stable");
    }
  }

  @Test
  void aKeyboardAloneLogsInAndOpensAnApp() {
    try (DashboardBrowser page = new DashboardBrowser(browser, agent.url(), 1280, 900)) {
      page.open("/");
      page.await(Duration.ofSeconds(10))
          .until(d -> d.switchTo().activeElement().getAttribute("id").equals("token"));
      assertThat(page.audit()).as("accessibility of the login").isEmpty();
      Actions keys = new Actions(page.driver);
      keys.sendKeys(token).sendKeys(Keys.TAB).perform();
      assertThat(page.driver.switchTo().activeElement().getText()).isEqualTo("Log in");
      keys.sendKeys(Keys.ENTER).perform();
      page.await(Duration.ofSeconds(10))
          .until(ExpectedConditions.visibilityOfElementLocated(By.linkText("shop")));
      // From the focused heading, Tab walks to the app's link; Enter opens it.
      for (int i = 0;
          i < 10 && !"shop".equals(page.driver.switchTo().activeElement().getText());
          i++) {
        keys.sendKeys(Keys.TAB).perform();
      }
      assertThat(page.driver.switchTo().activeElement().getText()).isEqualTo("shop");
      keys.sendKeys(Keys.ENTER).perform();
      page.await(Duration.ofSeconds(10))
          .until(d -> page.weightOf(2) == 100 || page.weightOf(1) == 100);
      page.screenshot("keyboard-login");
    }
  }

  @Test
  void nothingOverflowsSidewaysOnAPhone375PixelsWide() {
    try (DashboardBrowser page = new DashboardBrowser(browser, agent.url(), 375, 812)) {
      page.phone(375, 812);
      logIn(page);
      assertNoSidewaysOverflow(page, "the apps");
      assertThat(page.audit()).as("accessibility of the apps on a phone").isEmpty();
      page.await(Duration.ofSeconds(10))
          .until(ExpectedConditions.elementToBeClickable(By.linkText("shop")))
          .click();
      page.await(Duration.ofSeconds(10))
          .until(d -> !d.findElements(By.cssSelector("#split-bar .segment")).isEmpty());
      page.await(Duration.ofSeconds(10))
          .until(d -> !d.findElements(By.cssSelector("#history li")).isEmpty());
      assertNoSidewaysOverflow(page, "the app");
      assertThat(page.audit()).as("accessibility of the app on a phone").isEmpty();
      page.screenshot("phone-375");
    }
  }

  private static void assertNoSidewaysOverflow(DashboardBrowser page, String where) {
    Object width = page.driver.executeScript("return window.innerWidth");
    assertThat(((Number) width).intValue()).isEqualTo(375);
    @SuppressWarnings("unchecked")
    List<String> wide =
        (List<String>)
            page.driver.executeScript(
                """
                const out = [];
                for (const el of document.querySelectorAll('body *')) {
                  const box = el.getBoundingClientRect();
                  if (box.width > 0 && box.right > window.innerWidth + 0.5) {
                    out.push(el.tagName + '#' + el.id + '.' + el.className + ' right=' + box.right);
                  }
                }
                return out.slice(0, 10);
                """);
    Object scroll = page.driver.executeScript("return document.documentElement.scrollWidth");
    assertThat(wide).as("elements past the right edge on %s", where).isEmpty();
    assertThat(((Number) scroll).intValue()).as("page width on %s", where).isLessThanOrEqualTo(375);
  }

  private static void logIn(DashboardBrowser page) {
    page.open("/");
    WebElement field =
        page.await(Duration.ofSeconds(10))
            .until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
    field.sendKeys(token);
    page.driver.findElement(By.cssSelector("#login-form button[type='submit']")).click();
    page.await(Duration.ofSeconds(10))
        .until(ExpectedConditions.visibilityOfElementLocated(By.id("who-name")));
    assertThat(page.driver.findElement(By.id("who-name")).getText()).isEqualTo("local");
    assertThat(page.driver.findElement(By.id("who-role")).getText()).isEqualTo("admin");
  }

  private static CompletableFuture<RolloutRecord> deployInBackground(String version, String steps) {
    CompletableFuture<RolloutRecord> result = new CompletableFuture<>();
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                result.complete(engine.deploy(request(version, steps), RolloutListener.none()));
              } catch (Throwable e) {
                result.completeExceptionally(e);
              }
            });
    return result;
  }

  /** Fifty requests a second through the front door, so the proxy counts traffic per revision. */
  private static void gentleLoad() {
    HttpClient client = HttpClient.newHttpClient();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/accommodations"))
            .timeout(Duration.ofSeconds(5))
            .build();
    while (!Thread.currentThread().isInterrupted()) {
      try {
        client.send(request, HttpResponse.BodyHandlers.discarding());
        Thread.sleep(20);
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        // a request that failed is part of what the dashboard shows; keep sending
      }
    }
  }

  private static DeployRequest request(String version, String steps) throws Exception {
    String yaml =
        """
        app: shop
        runtime:
          command: %s
        listen: 127.0.0.1:%d
        health:
          readiness: {path: /api/v1/healthz, interval: 200ms, retries: 5, start_period: 10s}
        strategy:
          canary:
            steps: %s
        proxy:
          drain_timeout: 1s
        rollback:
          watch_after_promotion: 0s
        """
            .formatted(ExampleAppRollouts.command(), port, steps);
    Files.createDirectories(dir);
    return new DeployRequest(
        ConfigLoader.parse("relevo.yml", yaml, Map.of()), dir, version, "test", "");
  }
}
