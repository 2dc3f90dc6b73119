package io.relevo.core.access;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where named API tokens are kept: the history store, next to what they did. Implementations are
 * thread-safe and each write is durable when the call returns.
 */
public interface TokenStore {

  /**
   * Adds a token.
   *
   * @throws io.relevo.core.RelevoException CONFLICT when a token of that name exists
   */
  void create(ApiToken token);

  /** Every token, by name. */
  List<ApiToken> list();

  /** The token whose secret has this SHA-256 (lowercase hex), expired or not. */
  Optional<ApiToken> findBySha256(String sha256);

  /** Deletes the named token; false when there was none. */
  boolean revoke(String name);

  /** Records that the named token authorized a request at {@code at}. */
  void markUsed(String name, Instant at);

  /**
   * No tokens, and none can be made: an agent without a history store knows only its local token.
   */
  static TokenStore none() {
    return NoTokens.INSTANCE;
  }
}
