package io.relevo.server.v1;

/** How a gate judged a deploy. */
public enum GateStatus {
  PASSED,
  FAILED,
  OVERRIDDEN
}
