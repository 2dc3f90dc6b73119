package io.relevo.core.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads {@code notify: {slack: {webhook_url}, webhook: {url, secret}, email: {smtp: {host, port,
 * tls, user, password}, from, to}}}, each with an optional {@code events:} list.
 */
final class NotifyReader {

  private static final String EVENTS =
      Arrays.stream(NotifyEvent.values())
          .map(NotifyEvent::wireName)
          .collect(Collectors.joining(", "));

  private NotifyReader() {}

  static List<NotifyChannel> read(Value value) {
    List<NotifyChannel> channels = new ArrayList<>();
    if (!value.isSet()) {
      return channels;
    }
    MapReader notify = MapReader.open(value, List.of("slack", "webhook", "email"), List.of());
    Value slack = notify.get("slack");
    if (slack.isSet()) {
      MapReader s = MapReader.open(slack, List.of("webhook_url", "events"), List.of());
      URI url = url(s.get("webhook_url"));
      Set<NotifyEvent> events = events(s.get("events"));
      if (url != null) {
        channels.add(new NotifyChannel.Slack(url, events));
      }
    }
    Value webhook = notify.get("webhook");
    if (webhook.isSet()) {
      MapReader w = MapReader.open(webhook, List.of("url", "secret", "events"), List.of());
      URI url = url(w.get("url"));
      String secret =
          w.get("secret")
              .required("the signing secret, like secret: ${WEBHOOK_SECRET}")
              .text("a string");
      Set<NotifyEvent> events = events(w.get("events"));
      if (url != null && secret != null && !secret.isEmpty()) {
        channels.add(new NotifyChannel.Webhook(url, secret, events));
      }
    }
    Value email = notify.get("email");
    if (email.isSet()) {
      MapReader e = MapReader.open(email, List.of("smtp", "from", "to", "events"), List.of());
      NotifyChannel.Smtp smtp = smtp(e.get("smtp"));
      String from = e.get("from").required("the sender, like relevo@example.com").text("a string");
      List<String> to = e.get("to").required("a list of addresses").strings("a list of addresses");
      Set<NotifyEvent> events = events(e.get("events"));
      if (to != null && to.isEmpty()) {
        e.get("to").problem("an empty list (expected: at least one address)");
      } else if (smtp != null && from != null && to != null) {
        channels.add(new NotifyChannel.Email(smtp, from, to, events));
      }
    }
    return channels;
  }

  private static NotifyChannel.Smtp smtp(Value value) {
    MapReader smtp =
        MapReader.open(
            value.required("the SMTP server, like {host: smtp.example.com, port: 587}"),
            List.of("host", "port", "tls", "user", "password"),
            List.of());
    String host = smtp.get("host").required("a host name").text("a host name");
    Integer port = smtp.get("port").integer(1, 65535);
    String tls = smtp.get("tls").text("true or false");
    String user = smtp.get("user").text("a string");
    String password = smtp.get("password").text("a string");
    if (tls != null && !tls.equals("true") && !tls.equals("false")) {
      smtp.get("tls").problem(smtp.get("tls").show(tls) + " (expected: true or false)");
      return null;
    }
    if (host == null) {
      return null;
    }
    return new NotifyChannel.Smtp(
        host, port == null ? 587 : port, !"false".equals(tls), user, password);
  }

  private static URI url(Value value) {
    String text = value.required("an http(s) URL").text("an http(s) URL");
    if (text == null) {
      return null;
    }
    try {
      URI uri = new URI(text.trim());
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    value.problem(value.show(text) + " (expected: an http(s) URL)");
    return null;
  }

  private static Set<NotifyEvent> events(Value value) {
    if (!value.isSet()) {
      return EnumSet.allOf(NotifyEvent.class);
    }
    List<String> names = value.strings("a list of events: " + EVENTS);
    Set<NotifyEvent> events = EnumSet.noneOf(NotifyEvent.class);
    if (names == null) {
      return events;
    }
    for (String name : names) {
      NotifyEvent.ofWireName(name.trim())
          .ifPresentOrElse(
              events::add,
              () ->
                  value.problem(
                      "\"" + name + "\" is not an event (expected one of: " + EVENTS + ")"));
    }
    return events;
  }
}
