package io.relevo.core.engine;

/**
 * What a rollback by severity does, per the runbook: SEV1 rolls back at once; SEV2 rolls back after
 * a confirmation; SEV3 and SEV4 record the incident and recommend fixing forward, unless asked to
 * roll back now, which then goes as SEV2 does.
 */
public final class SeverityPolicy {

  /** What to do. */
  public enum Action {
    /** Switch back (warm) or restart the last known good, without asking. */
    ROLL_BACK,
    /** The same, once the operator confirmed. */
    CONFIRM_THEN_ROLL_BACK,
    /** Record the incident and print what to fix; traffic untouched. */
    FIX_FORWARD
  }

  private SeverityPolicy() {}

  /** The action for {@code severity}; {@code now} turns a fix forward into a rollback. */
  public static Action decide(Severity severity, boolean now) {
    return switch (severity) {
      case SEV1 -> Action.ROLL_BACK;
      case SEV2 -> Action.CONFIRM_THEN_ROLL_BACK;
      case SEV3, SEV4 -> now ? Action.CONFIRM_THEN_ROLL_BACK : Action.FIX_FORWARD;
    };
  }

  /** The runbook's target for {@code severity}, one line. */
  public static String target(Severity severity) {
    return switch (severity) {
      case SEV1 -> "SEV1 (system down): full rollback at once, service back in under 5 minutes";
      case SEV2 -> "SEV2 (critical function broken): rollback within 15 minutes";
      case SEV3 -> "SEV3 (non-critical bug): fix forward within the hour";
      case SEV4 -> "SEV4 (cosmetic): fix forward in the next deploy";
    };
  }

  /** What the operator does next when relevo recorded a fix-forward incident of {@code app}. */
  public static String fixForward(Severity severity, String app) {
    String when = severity == Severity.SEV3 ? "within the hour" : "in the next deploy";
    return "traffic untouched; fix forward "
        + when
        + ": commit the fix, `relevo deploy "
        + app
        + "` (the canary and smoke checks guard it), then `relevo incident "
        + app
        + "` for the postmortem; if it gets worse: `relevo rollback "
        + app
        + " --severity "
        + severity
        + " --now --reason \"...\"`";
  }
}
