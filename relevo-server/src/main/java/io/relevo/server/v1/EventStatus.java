package io.relevo.server.v1;

/** How one step of a rollout went. */
public enum EventStatus {
  STARTED,
  PROGRESS,
  OK,
  FAILED,
  INFO,
  WARNING
}
