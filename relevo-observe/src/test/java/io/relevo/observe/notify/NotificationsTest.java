package io.relevo.observe.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import io.relevo.core.config.NotifyChannel;
import io.relevo.core.config.NotifyEvent;
import io.relevo.core.notify.RolloutNotice;
import io.relevo.core.runtime.FreePort;
import io.relevo.core.store.RolloutRecord;
import jakarta.mail.internet.MimeMessage;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Notices to real local receivers: HTTP servers for Slack and the webhook, GreenMail for SMTP. */
class NotificationsTest {

  private static final Instant T0 = Instant.parse("2026-12-07T05:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger failFirst = new AtomicInteger();
  private final CountDownLatch hang = new CountDownLatch(1);
  private final HttpServer server = receiver();
  private final Notifications notifications =
      Notifications.create(new Retry(3, Duration.ofMillis(50)), () -> T0);

  record Received(String path, Map<String, String> headers, String body) {}

  @AfterEach
  void stop() {
    hang.countDown();
    notifications.close();
    server.stop(0);
  }

  @Test
  void slackGetsTheIncomingWebhookFormatWithEverythingAPersonNeeds() throws Exception {
    notifications.notify(notice(NotifyEvent.ROLLED_BACK, List.of(slack(null))));

    await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);
    JsonNode json = JSON.readTree(received.getFirst().body());
    assertThat(json.path("text").asText())
        .isEqualTo("shop (production): rolled back 1.2.3 → 1.2.2");
    String text = json.path("blocks").get(1).path("text").path("text").asText();
    assertThat(json.path("blocks").get(0).path("text").path("type").asText()).isEqualTo("mrkdwn");
    assertThat(text)
        .contains("actor: ana")
        .contains("outcome: rolled_back")
        .contains("result: canary step 2 failed")
        .contains("error-rate: canary 20.0% vs stable 0.0%")
        .contains("to roll back: `relevo rollback shop --to 42`");
  }

  @Test
  void theWebhookIsSignedOverTimestampAndBodyAndRetriedWithBackoff() throws Exception {
    failFirst.set(2);

    notifications.notify(notice(NotifyEvent.PROMOTED, List.of(webhook("/hook"))));

    await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 3);
    Received last = received.getLast();
    String timestamp = last.headers().get("x-relevo-timestamp");
    assertThat(timestamp).isEqualTo(Long.toString(T0.getEpochSecond()));
    assertThat(last.headers().get("x-relevo-signature"))
        .isEqualTo("sha256=" + WebhookSender.sign("s3cret", timestamp, last.body()));
    assertThat(last.headers().get("x-relevo-event")).isEqualTo("promoted");
    JsonNode json = JSON.readTree(last.body());
    assertThat(json.path("rollout").path("actor").asText()).isEqualTo("ana");
    assertThat(json.path("rollout").path("to").path("version").asText()).isEqualTo("1.2.2");
    assertThat(json.path("rollbackCommand").asText()).isEqualTo("relevo rollback shop --to 42");
    await().until(() -> scrape().contains("channel=\"webhook\",outcome=\"sent\"} 1.0"));
    assertThat(notifications.problems("shop")).isEmpty();
  }

  @Test
  void aChannelThatIsDownNeverBlocksTheCallerAndShowsInStatusAndMetrics() {
    URI nobody = URI.create("http://127.0.0.1:" + FreePort.pick() + "/hook");
    RolloutNotice notice =
        notice(
            NotifyEvent.FAILED,
            List.of(
                new NotifyChannel.Webhook(nobody, "s3cret", null),
                new NotifyChannel.Webhook(url("/hang"), "s3cret", null)));

    long started = System.nanoTime();
    for (int i = 0; i < 20; i++) {
      notifications.notify(notice);
    }
    long tookMillis = (System.nanoTime() - started) / 1_000_000;

    assertThat(tookMillis).as("20 notices to a down and a hanging webhook").isLessThan(1_000);
    await().atMost(Duration.ofSeconds(10)).until(() -> !notifications.problems("shop").isEmpty());
    assertThat(notifications.problems("shop").getFirst())
        .startsWith("notify.webhook: the failed notice of rollout 7 failed after 3 attempts:");
    assertThat(notifications.problems("other-app")).isEmpty();
  }

  @Test
  void aChannelHearsOnlyTheEventsItAsksFor() throws Exception {
    NotifyChannel only = slack(EnumSet.of(NotifyEvent.ROLLED_BACK));

    notifications.notify(notice(NotifyEvent.STARTED, List.of(only)));
    notifications.notify(notice(NotifyEvent.PROMOTED, List.of(only)));
    notifications.notify(notice(NotifyEvent.ROLLED_BACK, List.of(only)));

    await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);
    Thread.sleep(200);
    assertThat(received).hasSize(1);
    assertThat(received.getFirst().body()).contains("rolled back");
  }

  @Test
  void mailGoesOutOverSmtpToEveryRecipient() throws Exception {
    int port = FreePort.pick();
    GreenMail mail = new GreenMail(new ServerSetup(port, "127.0.0.1", "smtp"));
    mail.start();
    try {
      NotifyChannel email =
          new NotifyChannel.Email(
              new NotifyChannel.Smtp("127.0.0.1", port, false, "", ""),
              "relevo@example.com",
              List.of("ops@example.com", "ana@example.com"),
              null);

      notifications.notify(notice(NotifyEvent.ROLLED_BACK, List.of(email)));

      assertThat(mail.waitForIncomingEmail(10_000, 1))
          .as(() -> "problems: " + notifications.problems("shop"))
          .isTrue();
      MimeMessage m = mail.getReceivedMessages()[0];
      assertThat(m.getSubject()).isEqualTo("[relevo] shop (production): rolled back 1.2.3 → 1.2.2");
      assertThat(m.getFrom()[0].toString()).isEqualTo("relevo@example.com");
      assertThat(m.getAllRecipients())
          .extracting(Object::toString)
          .containsExactly("ops@example.com", "ana@example.com");
      assertThat(((String) m.getContent()))
          .contains("actor: ana")
          .contains("error-rate: canary 20.0%")
          .contains("to roll back: relevo rollback shop --to 42");
    } finally {
      mail.stop();
    }
  }

  private String scrape() {
    var writer =
        io.prometheus.metrics.expositionformats.ExpositionFormats.init()
            .getPrometheusTextFormatWriter();
    return writer.toDebugString(notifications.collect());
  }

  private NotifyChannel slack(Set<NotifyEvent> events) {
    return new NotifyChannel.Slack(url("/slack"), events);
  }

  private NotifyChannel webhook(String path) {
    return new NotifyChannel.Webhook(url(path), "s3cret", null);
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  private static RolloutNotice notice(NotifyEvent event, List<NotifyChannel> channels) {
    RolloutRecord r =
        new RolloutRecord(
            7,
            "shop",
            RolloutRecord.Kind.DEPLOY,
            42,
            43,
            "canary",
            "ana",
            "",
            T0,
            T0.plusSeconds(95),
            RolloutRecord.Outcome.ROLLED_BACK,
            "canary step 2 failed: analysis fast failed",
            List.of());
    return new RolloutNotice(
        event,
        r,
        "production",
        "1.2.3",
        "1.2.2",
        List.of("error-rate: canary 20.0% vs stable 0.0% (fail if canary - stable > 0.05)"),
        "relevo rollback shop --to 42",
        channels);
  }

  private HttpServer receiver() {
    try {
      HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      s.createContext(
          "/",
          exchange -> {
            String body =
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (exchange.getRequestURI().getPath().equals("/hang")) {
              try {
                hang.await(20, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            Map<String, String> headers = new ConcurrentHashMap<>();
            exchange
                .getRequestHeaders()
                .forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.getFirst()));
            received.add(new Received(exchange.getRequestURI().getPath(), headers, body));
            int status = failFirst.getAndDecrement() > 0 ? 503 : 200;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
          });
      s.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
      s.start();
      return s;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
