package io.relevo.server.v1;

/**
 * The body of {@code POST /api/v1/apps/{app}/promote}.
 *
 * @param full true to skip every remaining step and go straight to 100%; null or false to go on
 *     past the current pause only
 * @param actor who asks
 */
public record PromoteBody(Boolean full, String actor) {

  public boolean wantsFull() {
    return Boolean.TRUE.equals(full);
  }
}
