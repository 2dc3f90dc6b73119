package io.relevo.core.config;

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

  /** {@code rolled_back}, as configs and JSON spell it. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The event of that config name, if any. */
  public static Optional<NotifyEvent> ofWireName(String name) {
    return Arrays.stream(values()).filter(e -> e.wireName().equals(name)).findFirst();
  }
}
