package io.relevo.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.relevo.core.engine.RolloutListener;
import io.relevo.core.store.RolloutEvent;
import io.relevo.core.store.RolloutEvent.Status;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class LogFieldsTest {

  @AfterEach
  void clear() {
    LogFields.clear();
  }

  @Test
  void aRolloutsFirstEventsMarkTheThreadWithItsIdAndTargetRevision() {
    LogFields.app("shop");
    RolloutListener listener = LogFields.marking(RolloutListener.none());

    listener.onEvent(
        12,
        new RolloutEvent(
            Instant.EPOCH,
            "rollout",
            Status.STARTED,
            "deploying v3 to shop as revision 3 (canary), stable is revision 2 (v2)",
            null));

    assertThat(MDC.get("app")).isEqualTo("shop");
    assertThat(MDC.get("rollout")).isEqualTo("12");
    assertThat(MDC.get("revision")).isEqualTo("3");
  }

  @Test
  void clearLeavesNothingForTheNextWorkOnTheThread() {
    LogFields.app("shop");
    LogFields.marking(RolloutListener.none())
        .onEvent(1, new RolloutEvent(Instant.EPOCH, "start", Status.INFO, "x", null));

    LogFields.clear();

    assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
  }
}
