package io.relevo.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code notify:} as read from relevo.yml, and its mistakes with their lines. */
class NotifyConfigTest {

  private static AppConfig parse(String notify) {
    return ConfigLoader.parse(
        "relevo.yml", "app: shop\nruntime:\n  command: [run]\nnotify:\n" + notify, Map.of());
  }

  @Test
  void everyChannelIsReadWithItsEventFilter() {
    AppConfig config =
        parse(
            """
              slack: {webhook_url: "https://hooks.slack.com/services/T/B/X", events: [rolled_back, failed]}
              webhook: {url: "http://127.0.0.1:9000/hook", secret: s3cret}
              email:
                smtp: {host: smtp.example.com, port: 2525, tls: false, user: relevo, password: pw}
                from: relevo@example.com
                to: [ops@example.com]
            """);

    assertThat(config.notifications())
        .containsExactly(
            new NotifyChannel.Slack(
                URI.create("https://hooks.slack.com/services/T/B/X"),
                EnumSet.of(NotifyEvent.ROLLED_BACK, NotifyEvent.FAILED)),
            new NotifyChannel.Webhook(URI.create("http://127.0.0.1:9000/hook"), "s3cret", null),
            new NotifyChannel.Email(
                new NotifyChannel.Smtp("smtp.example.com", 2525, false, "relevo", "pw"),
                "relevo@example.com",
                List.of("ops@example.com"),
                null));
    assertThat(config.notifications().get(1).events())
        .containsAll(EnumSet.allOf(NotifyEvent.class));
  }

  @Test
  void anUnknownEventAMissingSecretAndABadUrlAreEachReportedWithTheirLine() {
    assertThatThrownBy(
            () ->
                parse(
                    """
                      slack: {webhook_url: "hooks.slack.com", events: [deployed]}
                      webhook: {url: "http://127.0.0.1:9000/hook"}
                    """))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("relevo.yml:5: notify.slack.webhook_url")
        .hasMessageContaining("(expected: an http(s) URL)")
        .hasMessageContaining("\"deployed\" is not an event (expected one of: started, promoted,")
        .hasMessageContaining("notify.webhook.secret: missing");
  }
}
