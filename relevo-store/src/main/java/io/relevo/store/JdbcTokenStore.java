package io.relevo.store;

import io.relevo.core.RelevoException;
import io.relevo.core.access.ApiToken;
import io.relevo.core.access.TokenStore;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The API tokens in the history store, over the store's one connection and its lock. */
final class JdbcTokenStore implements TokenStore {

  private final JdbcStore.Locked locked;

  JdbcTokenStore(JdbcStore.Locked locked) {
    this.locked = locked;
  }

  @Override
  public void create(ApiToken token) {
    Objects.requireNonNull(token, "token");
    locked.run(
        "create token " + token.name(),
        c -> {
          if (TokenTable.exists(c, token.name())) {
            throw new RelevoException(
                RelevoException.Kind.CONFLICT,
                "token "
                    + token.name()
                    + " exists already (revoke it first with `relevo token revoke "
                    + token.name()
                    + "`, or pick another name)");
          }
          TokenTable.insert(c, token);
          return null;
        });
  }

  @Override
  public List<ApiToken> list() {
    return locked.run("list tokens", TokenTable::list);
  }

  @Override
  public Optional<ApiToken> findBySha256(String sha256) {
    return locked.run("look up a token", c -> TokenTable.findBySha256(c, sha256));
  }

  @Override
  public boolean revoke(String name) {
    return locked.run("revoke token " + name, c -> TokenTable.delete(c, name));
  }

  @Override
  public void markUsed(String name, Instant at) {
    locked.run(
        "record the use of token " + name,
        c -> {
          TokenTable.markUsed(c, name, at);
          return null;
        });
  }
}
