package io.relevo.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relevo.core.RelevoException;
import io.relevo.core.access.ApiToken;
import io.relevo.core.access.Role;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenStoreTest {

  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  private static final String HASH_A = "a".repeat(64);
  private static final String HASH_B = "b".repeat(64);

  @TempDir Path dir;

  @Test
  void tokensSurviveAReopenAndAreFoundByTheirHash() {
    try (CloseableStore store = Stores.sqlite(dir.resolve("history.db"))) {
      store.tokens().create(token("ci-bot", Role.DEPLOYER, HASH_A));
      store.tokens().create(token("lead", Role.APPROVER, HASH_B));
      store.tokens().markUsed("ci-bot", T0.plusSeconds(60));
    }
    try (CloseableStore store = Stores.sqlite(dir.resolve("history.db"))) {
      assertThat(store.tokens().list())
          .extracting(ApiToken::name)
          .containsExactly("ci-bot", "lead");
      ApiToken found = store.tokens().findBySha256(HASH_A).orElseThrow();
      assertThat(found.role()).isEqualTo(Role.DEPLOYER);
      assertThat(found.createdBy()).isEqualTo("local");
      assertThat(found.expiresAt()).isEqualTo(T0.plusSeconds(3600));
      assertThat(found.lastUsedAt()).isEqualTo(T0.plusSeconds(60));
    }
  }

  @Test
  void aSecondTokenOfTheSameNameIsAConflictThatSaysHowToGoOn() {
    try (CloseableStore store = Stores.sqlite(dir.resolve("history.db"))) {
      store.tokens().create(token("ci-bot", Role.DEPLOYER, HASH_A));
      assertThatThrownBy(() -> store.tokens().create(token("ci-bot", Role.ADMIN, HASH_B)))
          .isInstanceOfSatisfying(
              RelevoException.class,
              e -> assertThat(e.kind()).isEqualTo(RelevoException.Kind.CONFLICT))
          .hasMessage(
              "token ci-bot exists already (revoke it first with `relevo token revoke ci-bot`,"
                  + " or pick another name)");
    }
  }

  @Test
  void aRevokedTokenIsGone() {
    try (CloseableStore store = Stores.sqlite(dir.resolve("history.db"))) {
      store.tokens().create(token("ci-bot", Role.DEPLOYER, HASH_A));
      assertThat(store.tokens().revoke("ci-bot")).isTrue();
      assertThat(store.tokens().revoke("ci-bot")).isFalse();
      assertThat(store.tokens().findBySha256(HASH_A)).isEmpty();
      assertThat(store.tokens().list()).isEmpty();
    }
  }

  private static ApiToken token(String name, Role role, String hash) {
    return new ApiToken(name, role, hash, "local", T0, T0.plusSeconds(3600), null);
  }
}
