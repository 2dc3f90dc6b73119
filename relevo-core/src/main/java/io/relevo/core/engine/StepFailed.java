package io.relevo.core.engine;

/** A step of a rollout failed; the message says why, for the user. Internal to the engine. */
final class StepFailed extends Exception {

  StepFailed(String message) {
    super(message);
  }
}
