package io.relevo.server.v1;

import io.relevo.core.store.RolloutEvent;
import java.time.Duration;
import java.time.Instant;

/**
 * One thing that happened in a rollout, as the API shows it.
 *
 * @param at when it happened
 * @param step the step it belongs to: {@code start}, {@code ready}, {@code smoke}, {@code switch}…
 * @param status how it went
 * @param message what happened, for people
 * @param took how long the step took, or null for an instant event
 */
public record RolloutEventView(
    Instant at, String step, EventStatus status, String message, Duration took) {

  public static RolloutEventView of(RolloutEvent event) {
    return new RolloutEventView(
        event.at(),
        event.step(),
        WireEnums.of(EventStatus.class, event.status()),
        event.message(),
        event.took());
  }
}
