package io.relevo.core;

/**
 * The one root exception of relevo. Its {@link Kind} decides how the edges translate it: the CLI
 * maps it to an exit code, the agent's API to an HTTP status. The message is written for the user:
 * it names what went wrong and, where there is one, the next step.
 */
public class RelevoException extends RuntimeException {

  /** What kind of failure this is, independent of where it is reported. */
  public enum Kind {
    /** The user gave something invalid: a config, an argument, a version. */
    BAD_INPUT,
    /**
     * A rollout was refused or failed and traffic stayed on (or went back to) the stable revision.
     */
    FAILED,
    /** The named app, revision or rollout does not exist. */
    NOT_FOUND,
    /** Another operation holds what this one needs (for example a rollout already running). */
    CONFLICT,
    /** Something relevo depends on could not be reached. */
    UNAVAILABLE,
    /** The caller gave no valid API token (missing, unknown, expired or revoked), or too many. */
    UNAUTHORIZED,
    /** The caller's API token lacks the role the action needs. */
    FORBIDDEN
  }

  private final Kind kind;

  public RelevoException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public RelevoException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
