package io.relevo.server;

import io.relevo.core.engine.RolloutListener;
import io.relevo.core.store.RolloutEvent;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * Puts the app, revision and rollout a thread works on into the log context (slf4j's MDC), so every
 * line the rollout logs, core's included, carries them ({@code relevo agent --log-format json}). A
 * rollout runs in one thread from start to end and its listener hears its events in that thread, so
 * the rollout id is set at its first event and the revision at its start event.
 */
final class LogFields {

  static final String APP = "app";
  static final String REVISION = "revision";
  static final String ROLLOUT = "rollout";

  /** The target in a start event: "… as revision 3 …" (deploy), "… back to revision 2 …". */
  private static final Pattern REVISION_IN_START = Pattern.compile("revision (\\d+)");

  private LogFields() {}

  /** Marks this thread as working on {@code app}; {@link #clear()} when done. */
  static void app(String app) {
    MDC.put(APP, app);
  }

  /**
   * A listener that marks the thread with the rollout (and its revision), then tells {@code inner}.
   */
  static RolloutListener marking(RolloutListener inner) {
    return (rolloutId, event) -> {
      if (MDC.get(ROLLOUT) == null) {
        MDC.put(ROLLOUT, Long.toString(rolloutId));
      }
      if (MDC.get(REVISION) == null
          && event.step().equals("rollout")
          && event.status() == RolloutEvent.Status.STARTED
          && event.message() != null) {
        Matcher m = REVISION_IN_START.matcher(event.message());
        if (m.find()) {
          MDC.put(REVISION, m.group(1));
        }
      }
      inner.onEvent(rolloutId, event);
    };
  }

  static void clear() {
    MDC.remove(APP);
    MDC.remove(REVISION);
    MDC.remove(ROLLOUT);
  }
}
