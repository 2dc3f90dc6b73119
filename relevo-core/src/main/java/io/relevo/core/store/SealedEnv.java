package io.relevo.core.store;

import java.util.Map;

/**
 * Seals the environment values a revision was deployed with, so that history can keep them without
 * holding secrets in clear text, and opens them again to restart the revision after an agent
 * restart. Implementations never throw from {@link #open}: a value that cannot be opened (its key
 * is gone, it was tampered with) comes back empty with {@link #problem}.
 */
public interface SealedEnv {

  /** The sealed form of {@code values} (variable name to value), or null when none are kept. */
  String seal(Map<String, String> values);

  /**
   * The values {@code ciphertext} holds; empty when {@code ciphertext} is null or cannot be opened.
   */
  Map<String, String> open(String ciphertext);

  /** Why {@code ciphertext} cannot be opened, in one line; empty when it can (or is null). */
  String problem(String ciphertext);

  /** Keeps nothing: a revision's values are then read from the agent's environment again. */
  static SealedEnv none() {
    return NoSealedEnv.INSTANCE;
  }
}
