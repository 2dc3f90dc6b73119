package io.relevo.bench;

/**
 * One request of {@link PacedLoad}, as the client saw it. Times are wall-clock microseconds since
 * the epoch, the clock the engine stamps rollout events with, so the two can be compared.
 *
 * @param sentMicros just before the request was handed to the HTTP client
 * @param answeredMicros when the response headers arrived (or the request failed)
 * @param status the HTTP status, or 0 for a socket error or timeout
 * @param version the {@code X-App-Version} header of the answer, or "" when there was none
 */
record Answer(long sentMicros, long answeredMicros, int status, String version) {

  /** Non-2xx answers and requests that got no answer: what a user sees as a failure. */
  boolean failed() {
    return status < 200 || status > 299;
  }

  boolean sentIn(long fromMicros, long toMicros) {
    return sentMicros >= fromMicros && sentMicros <= toMicros;
  }
}
