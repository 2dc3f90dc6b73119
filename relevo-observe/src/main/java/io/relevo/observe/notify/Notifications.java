package io.relevo.observe.notify;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.relevo.core.config.NotifyChannel;
import io.relevo.core.notify.Notifier;
import io.relevo.core.notify.RolloutNotice;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends each notice to the channels the app's config names, for the events each wants. Never in the
 * rollout's thread: every kind of channel has its own worker and a bounded queue, so a channel that
 * is down or slow delays neither the rollout nor the other channels; a full queue drops the notice
 * and counts it. A channel whose last notice failed (after its retries) is a problem in the app's
 * status until one gets through; {@code relevo_notifications_total{channel, outcome}} counts sent,
 * failed and dropped notices.
 */
public final class Notifications implements Notifier, MultiCollector, AutoCloseable {

  /** Notices waiting per kind of channel before new ones are dropped. */
  static final int QUEUE = 256;

  private final Map<String, ChannelQueue> queues = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
  private final Map<String, String> problems = new ConcurrentHashMap<>();
  private final Retry retry;
  private final SlackSender slack = new SlackSender();
  private final WebhookSender webhook;
  private final EmailSender email = new EmailSender();

  private Notifications(Retry retry, InstantSource clock) {
    this.retry = retry;
    this.webhook = new WebhookSender(clock);
  }

  /** Notifications with the default retries. */
  public static Notifications create() {
    return new Notifications(Retry.DEFAULT, InstantSource.system());
  }

  /** Notifications with these retries and clock (tests). */
  public static Notifications create(Retry retry, InstantSource clock) {
    return new Notifications(retry, clock);
  }

  @Override
  public void notify(RolloutNotice notice) {
    for (NotifyChannel channel : notice.channels()) {
      if (!channel.wants(notice.event())) {
        continue;
      }
      ChannelQueue queue =
          queues.computeIfAbsent(channel.name(), name -> new ChannelQueue(name, QUEUE));
      if (!queue.offer(() -> deliver(channel, notice))) {
        count(channel.name(), "dropped");
        problems.put(
            key(notice.app(), channel.name()),
            "notify."
                + channel.name()
                + ": "
                + QUEUE
                + " notices waiting, the "
                + notice.event().wireName()
                + " notice of rollout "
                + notice.rollout().id()
                + " was dropped");
      }
    }
  }

  @Override
  public List<String> problems(String app) {
    List<String> out = new ArrayList<>();
    problems.forEach(
        (key, problem) -> {
          if (key.startsWith(app + "\u0000")) {
            out.add(problem);
          }
        });
    out.sort(null);
    return out;
  }

  private void deliver(NotifyChannel channel, RolloutNotice notice) {
    String key = key(notice.app(), channel.name());
    Exception last = null;
    int attempt = 0;
    while (attempt < retry.attempts()) {
      attempt++;
      try {
        send(channel, notice);
        count(channel.name(), "sent");
        problems.remove(key);
        return;
      } catch (ChannelSender.Retryable e) {
        last = e;
        if (attempt < retry.attempts() && !sleep(retry.waitAfter(attempt).toMillis())) {
          break;
        }
      } catch (Exception | LinkageError e) {
        // a bug or a missing class must still show as this channel's failure, not kill its worker
        last = e instanceof Exception ex ? ex : new IllegalStateException(e.toString(), e);
        break;
      }
    }
    count(channel.name(), "failed");
    problems.put(
        key,
        "notify."
            + channel.name()
            + ": the "
            + notice.event().wireName()
            + " notice of rollout "
            + notice.rollout().id()
            + " failed after "
            + attempt
            + (attempt == 1 ? " attempt: " : " attempts: ")
            + (last == null ? "interrupted" : last.getMessage()));
  }

  private void send(NotifyChannel channel, RolloutNotice notice) throws Exception {
    switch (channel) {
      case NotifyChannel.Slack s -> slack.send(s, notice);
      case NotifyChannel.Webhook w -> webhook.send(w, notice);
      case NotifyChannel.Email e -> email.send(e, notice);
    }
  }

  private static boolean sleep(long millis) {
    try {
      Thread.sleep(millis);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void count(String channel, String outcome) {
    counts.computeIfAbsent(channel + "\u0000" + outcome, k -> new AtomicLong()).incrementAndGet();
  }

  private static String key(String app, String channel) {
    return app + "\u0000" + channel;
  }

  @Override
  public MetricSnapshots collect() {
    CounterSnapshot.Builder sent =
        CounterSnapshot.builder()
            .name("relevo_notifications")
            .help("Notices by channel and outcome: sent, failed (after retries), dropped");
    counts.forEach(
        (key, n) -> {
          String[] parts = key.split("\u0000");
          sent.dataPoint(
              CounterDataPointSnapshot.builder()
                  .labels(Labels.of("channel", parts[0], "outcome", parts[1]))
                  .value(n.get())
                  .build());
        });
    return MetricSnapshots.of(sent.build());
  }

  /** Stops the workers; notices still queued are not sent. */
  @Override
  public void close() {
    queues.values().forEach(ChannelQueue::close);
  }
}
