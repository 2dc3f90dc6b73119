package io.relevo.core.notify;

import io.relevo.core.store.RolloutRecord;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a notice is about; channels filter on these, by their lower-case names. */
public enum NotifyEvent {
  STARTED,
  PROMOTED,
  ROLLED_BACK,
  FAILED,
  WAITING_FOR_APPROVAL;

  /**
   * The event a finished rollout makes: a deploy that took all traffic is {@link #PROMOTED}; a
   * deploy undone or a rollback that restored an earlier revision is {@link #ROLLED_BACK}; anything
   * else that ended (refused, aborted, a rollback that failed) is {@link #FAILED}.
   */
  public static NotifyEvent finished(RolloutRecord rollout) {
    return switch (rollout.outcome()) {
      case PROMOTED -> PROMOTED;
      case ROLLED_BACK, RESTORED -> ROLLED_BACK;
      case RUNNING -> STARTED;
      case FAILED, ABORTED -> FAILED;
    };
  }

  /** {@code rolled_back}, as configs and JSON spell it. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The event of that config name, if any. */
  public static Optional<NotifyEvent> ofWireName(String name) {
    return Arrays.stream(values()).filter(e -> e.wireName().equals(name)).findFirst();
  }
}
