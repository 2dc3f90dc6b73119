package io.relevo.core.notify;

import io.relevo.core.config.NotifyChannel;
import io.relevo.core.config.NotifyEvent;
import io.relevo.core.store.RolloutRecord;
import java.util.List;
import java.util.Objects;

/**
 * What a notifier hears: one event of one rollout, with what a person needs to act on it.
 *
 * @param event what happened
 * @param rollout the rollout as history has it now (outcome RUNNING until it ends)
 * @param env the app's environment label
 * @param fromVersion the version that served when the rollout started; empty for a first deploy
 * @param toVersion the version traffic moves to
 * @param evidence the analysis evidence behind the event, one line per metric; may be empty
 * @param rollbackCommand the command that puts traffic back, e.g. {@code relevo rollback shop --to
 *     41}; empty when there is nothing to go back to
 * @param channels where the app's config sends notices; empty for none
 */
public record RolloutNotice(
    NotifyEvent event,
    RolloutRecord rollout,
    String env,
    String fromVersion,
    String toVersion,
    List<String> evidence,
    String rollbackCommand,
    List<NotifyChannel> channels) {

  public RolloutNotice {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(rollout, "rollout");
    env = env == null ? "" : env;
    fromVersion = fromVersion == null ? "" : fromVersion;
    toVersion = toVersion == null ? "" : toVersion;
    evidence = evidence == null ? List.of() : List.copyOf(evidence);
    rollbackCommand = rollbackCommand == null ? "" : rollbackCommand;
    channels = channels == null ? List.of() : List.copyOf(channels);
  }

  /** A notice without channels. */
  public RolloutNotice(
      NotifyEvent event,
      RolloutRecord rollout,
      String env,
      String fromVersion,
      String toVersion,
      List<String> evidence,
      String rollbackCommand) {
    this(event, rollout, env, fromVersion, toVersion, evidence, rollbackCommand, null);
  }

  public String app() {
    return rollout.app();
  }

  /** How long the rollout took, in seconds; 0 while it runs. */
  public double durationSeconds() {
    if (rollout.finishedAt() == null) {
      return 0;
    }
    return java.time.Duration.between(rollout.startedAt(), rollout.finishedAt()).toMillis()
        / 1000.0;
  }
}
