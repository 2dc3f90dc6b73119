package io.relevo.server.v1;

/** Whether history trusts a revision with all traffic again. */
public enum VerdictMark {
  GOOD,
  BAD,
  UNKNOWN
}
