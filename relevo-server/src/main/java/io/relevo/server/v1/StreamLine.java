package io.relevo.server.v1;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One line of a rollout's NDJSON stream: any number of {@code event} lines as the rollout runs,
 * then exactly one {@code result} (the finished rollout, whatever its outcome) or {@code error}
 * (the rollout could not run: bad input, another rollout under way, an unknown app).
 *
 * @param type {@code event}, {@code result} or {@code error}
 * @param rolloutId for events: the rollout they belong to
 * @param event for events: what happened
 * @param rollout for a result: the rollout as history keeps it
 * @param kind for an error: a {@link io.relevo.core.RelevoException.Kind} name (or {@code BUG})
 * @param message for an error: what went wrong
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StreamLine(
    String type,
    Long rolloutId,
    RolloutEventView event,
    RolloutView rollout,
    String kind,
    String message) {

  public static final String EVENT = "event";
  public static final String RESULT = "result";
  public static final String ERROR = "error";

  public static StreamLine event(long rolloutId, RolloutEventView event) {
    return new StreamLine(EVENT, rolloutId, event, null, null, null);
  }

  public static StreamLine result(RolloutView rollout) {
    return new StreamLine(RESULT, null, null, rollout, null, null);
  }

  public static StreamLine error(String kind, String message) {
    return new StreamLine(ERROR, null, null, null, kind, message);
  }
}
