package io.relevo.core.gates;

/**
 * One condition a deploy must meet before it starts: secrets that hold, a deploy window that is
 * open. A gate never throws: a surprise is a failed result that says what went wrong.
 */
public interface Gate {

  /** The gate's name as the config and history spell it, like {@code secrets} or {@code window}. */
  String name();

  /** Judges one deploy. */
  GateResult check(GateInput input);

  /**
   * True when a person may let a deploy through although this gate failed ({@code --override-window
   * --reason}); history records who and why. Secrets can never be overridden.
   */
  default boolean overridable() {
    return false;
  }
}
