package io.relevo.observe.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.relevo.core.config.NotifyChannel;
import io.relevo.core.notify.RolloutNotice;
import io.relevo.core.store.RolloutRecord;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A generic JSON webhook, signed: {@code X-Relevo-Timestamp} (Unix seconds) and {@code
 * X-Relevo-Signature: sha256=HEX}, the HMAC-SHA256 of {@code TIMESTAMP.BODY} with the shared
 * secret. A receiver recomputes it and refuses old timestamps, so a captured request cannot be
 * replayed later.
 */
final class WebhookSender implements ChannelSender<NotifyChannel.Webhook> {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final InstantSource clock;

  WebhookSender(InstantSource clock) {
    this.clock = clock;
  }

  @Override
  public void send(NotifyChannel.Webhook channel, RolloutNotice notice) throws Exception {
    String body = payload(notice);
    String timestamp = Long.toString(clock.instant().getEpochSecond());
    HttpPost.json(
        channel.url(),
        body,
        Map.of(
            "X-Relevo-Event",
            notice.event().wireName(),
            "X-Relevo-Timestamp",
            timestamp,
            "X-Relevo-Signature",
            "sha256=" + sign(channel.secret(), timestamp, body)));
  }

  /** Hex HMAC-SHA256 of {@code timestamp + "." + body}. */
  static String sign(String secret, String timestamp, String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of()
        .formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
  }

  static String payload(RolloutNotice n) throws Exception {
    RolloutRecord r = n.rollout();
    ObjectNode root = JSON.createObjectNode();
    root.put("event", n.event().wireName());
    root.put("app", n.app());
    root.put("env", n.env());
    root.put("title", MessageText.title(n));
    ObjectNode rollout = root.putObject("rollout");
    rollout.put("id", r.id());
    rollout.put("kind", r.kind().name().toLowerCase(Locale.ROOT));
    rollout.put("strategy", r.strategy());
    rollout.put("actor", r.actor());
    rollout.put("reason", r.reason());
    rollout.put("outcome", r.outcome().name().toLowerCase(Locale.ROOT));
    rollout.put("outcomeReason", r.outcomeReason());
    rollout.put("startedAt", r.startedAt().toString());
    rollout.put("finishedAt", r.finishedAt() == null ? null : r.finishedAt().toString());
    ObjectNode from = rollout.putObject("from");
    if (r.fromRevision() != null) {
      from.put("revision", r.fromRevision());
    }
    from.put("version", n.fromVersion());
    rollout.putObject("to").put("revision", r.toRevision()).put("version", n.toVersion());
    n.evidence().forEach(root.putArray("evidence")::add);
    if (n.evidence().isEmpty()) {
      root.putArray("evidence");
    }
    root.put("rollbackCommand", n.rollbackCommand());
    return JSON.writeValueAsString(root);
  }
}
