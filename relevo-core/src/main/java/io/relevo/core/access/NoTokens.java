package io.relevo.core.access;

import io.relevo.core.RelevoException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The null {@link TokenStore}: holds nothing and refuses to create. */
enum NoTokens implements TokenStore {
  INSTANCE;

  @Override
  public void create(ApiToken token) {
    throw new RelevoException(
        RelevoException.Kind.UNAVAILABLE,
        "token " + token.name() + ": this agent keeps no tokens (it runs without a history store)");
  }

  @Override
  public List<ApiToken> list() {
    return List.of();
  }

  @Override
  public Optional<ApiToken> findBySha256(String sha256) {
    return Optional.empty();
  }

  @Override
  public boolean revoke(String name) {
    return false;
  }

  @Override
  public void markUsed(String name, Instant at) {}
}
