package io.relevo.core.config;

import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** One place notices go, with the events it wants ({@code events:}, default all). */
public sealed interface NotifyChannel {

  /** The events this channel hears. */
  Set<NotifyEvent> events();

  /** Its name in config, metrics and status: {@code slack}, {@code webhook}, {@code email}. */
  String name();

  default boolean wants(NotifyEvent event) {
    return events().contains(event);
  }

  private static Set<NotifyEvent> all(Set<NotifyEvent> events) {
    return events == null || events.isEmpty()
        ? EnumSet.allOf(NotifyEvent.class)
        : Set.copyOf(events);
  }

  /** {@code notify.slack}: an incoming webhook. */
  record Slack(URI webhookUrl, Set<NotifyEvent> events) implements NotifyChannel {
    public Slack {
      Objects.requireNonNull(webhookUrl, "webhookUrl");
      events = all(events);
    }

    @Override
    public String name() {
      return "slack";
    }
  }

  /** {@code notify.webhook}: JSON, signed with HMAC-SHA256 of the timestamp and body. */
  record Webhook(URI url, String secret, Set<NotifyEvent> events) implements NotifyChannel {
    public Webhook {
      Objects.requireNonNull(url, "url");
      if (secret == null || secret.isEmpty()) {
        throw new IllegalArgumentException("secret: empty (expected: the shared signing secret)");
      }
      events = all(events);
    }

    @Override
    public String name() {
      return "webhook";
    }

    @Override
    public String toString() {
      return "Webhook[url=" + url + ", secret=(hidden), events=" + events + "]";
    }
  }

  /** {@code notify.email}: mail over SMTP. */
  record Email(Smtp smtp, String from, List<String> to, Set<NotifyEvent> events)
      implements NotifyChannel {
    public Email {
      Objects.requireNonNull(smtp, "smtp");
      Objects.requireNonNull(from, "from");
      to = List.copyOf(to);
      if (to.isEmpty()) {
        throw new IllegalArgumentException("to: empty (expected: at least one address)");
      }
      events = all(events);
    }

    @Override
    public String name() {
      return "email";
    }
  }

  /**
   * An SMTP server.
   *
   * @param tls STARTTLS required (true, the default) or plain SMTP (false, for a local relay)
   * @param user empty for no authentication
   */
  record Smtp(String host, int port, boolean tls, String user, String password) {
    public Smtp {
      Objects.requireNonNull(host, "host");
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port: " + port + " (expected: 1..65535)");
      }
      user = user == null ? "" : user;
      password = password == null ? "" : password;
    }

    @Override
    public String toString() {
      return "Smtp[" + host + ":" + port + ", tls=" + tls + ", user=" + user + "]";
    }
  }
}
