package io.relevo.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relevo.core.RelevoException;
import io.relevo.core.store.SealedEnv;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Revisions' environment values sealed with AES-GCM under a key file in the state dir. */
class SealedEnvTest {

  @TempDir Path dir;

  @Test
  void valuesSealedUnderTheKeyOpenAgainAfterARestartAndAreNotInTheDatabaseInClearText()
      throws Exception {
    Path key = dir.resolve("env.key");
    Path db = dir.resolve("history.db");
    try (CloseableStore store = Stores.sqlite(db)) {
      SealedEnv sealer = Stores.sealedEnv(key);
      store.saveSealedEnv("shop", 1, sealer.seal(Map.of("DB_PASSWORD", "s3cret-Pa55", "E", "")));
    }

    try (CloseableStore store = Stores.sqlite(db)) {
      SealedEnv sealer = Stores.sealedEnv(key);
      String kept = store.sealedEnv("shop", 1).orElseThrow();
      assertThat(sealer.open(kept))
          .containsExactlyInAnyOrderEntriesOf(Map.of("DB_PASSWORD", "s3cret-Pa55", "E", ""));
      assertThat(sealer.problem(kept)).isEmpty();
    }
    assertThat(Files.readAllBytes(db))
        .asString(StandardCharsets.ISO_8859_1)
        .doesNotContain("s3cret-Pa55")
        .doesNotContain("DB_PASSWORD");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
  }

  @Test
  void sealingTheSameValuesTwiceGivesDifferentTextAndNothingSealsToNull() {
    SealedEnv sealer = Stores.sealedEnv(dir.resolve("env.key"));

    assertThat(sealer.seal(Map.of("A", "1"))).isNotEqualTo(sealer.seal(Map.of("A", "1")));
    assertThat(sealer.seal(Map.of())).isNull();
  }

  @Test
  void valuesSealedUnderAnotherKeyOpenEmptyWithAOneLineReason() {
    String kept = Stores.sealedEnv(dir.resolve("old.key")).seal(Map.of("A", "1"));
    SealedEnv other = Stores.sealedEnv(dir.resolve("new.key"));

    assertThat(other.open(kept)).isEmpty();
    assertThat(other.open("v1:not-base64!")).isEmpty();
    assertThat(other.problem(kept))
        .startsWith("its sealed environment values do not open with the key ")
        .doesNotContain("\n");
  }

  @Test
  void aKeyFileThatIsNotAKeyIsRefusedSayingHowToGoOn() throws Exception {
    Path key = dir.resolve("env.key");
    Files.writeString(key, "hello\n");

    assertThatThrownBy(() -> Stores.sealedEnv(key))
        .isInstanceOf(RelevoException.class)
        .hasMessageContaining(key.toString())
        .hasMessageContaining("move it aside");
  }
}
