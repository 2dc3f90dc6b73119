package io.relevo.core.store;

import java.time.Duration;
import java.time.Instant;

/**
 * One thing that happened in a rollout.
 *
 * @param at when it happened
 * @param step the step it belongs to: {@code start}, {@code ready}, {@code smoke}, {@code switch},
 *     {@code drain}, {@code stop}, …
 * @param status how it went
 * @param message what happened, for people (health results, smoke results, errors)
 * @param took how long the step took, or null for an instant event
 */
public record RolloutEvent(Instant at, String step, Status status, String message, Duration took) {

  /** How a step went. */
  public enum Status {
    STARTED,
    PROGRESS,
    OK,
    FAILED,
    INFO,
    /** The step went on, but a person should know: e.g. a rollback to a revision marked bad. */
    WARNING
  }
}
