package io.relevo.store;

import static io.relevo.store.Fixtures.T0;
import static io.relevo.store.Fixtures.revision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relevo.core.runtime.InstanceRecord;
import io.relevo.core.store.Revision;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RevisionHistoryTest {

  @TempDir Path dir;
  CloseableStore store;

  @BeforeEach
  void open() {
    store = Stores.sqlite(dir.resolve("history.db"));
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void aSavedRevisionReadsBackEqualWithItsInstance() {
    Revision saved = revision("shop", 1);
    store.saveRevision(saved);

    assertThat(store.revision("shop", 1)).contains(saved);
  }

  @Test
  void nullFieldsRoundTripAsNull() {
    Revision bare =
        new Revision(
            "shop", 1, "v1", null, null, null, Revision.State.STARTING, null, T0, null, null);
    store.saveRevision(bare);

    assertThat(store.revision("shop", 1)).contains(bare);
  }

  @Test
  void savingTheSameAppAndNumberReplacesTheRevision() {
    Revision first = revision("shop", 1);
    store.saveRevision(first);
    Revision warm =
        first
            .withState(Revision.State.WARM)
            .withKeepUntil(T0.plusSeconds(600))
            .withExitCode(0)
            .withInstance(new InstanceRecord("pid-9", "127.0.0.1", 40009, 1_700_000_000_999L));
    store.saveRevision(warm);
    Revision stopped = warm.withState(Revision.State.STOPPED).withInstance(null);
    store.saveRevision(stopped);

    assertThat(store.revisions("shop")).containsExactly(stopped);
  }

  @Test
  void revisionsAreListedNewestFirstAndOnlyForTheirApp() {
    store.saveRevision(revision("shop", 1));
    store.saveRevision(revision("shop", 3));
    store.saveRevision(revision("shop", 2));
    store.saveRevision(revision("blog", 1));

    assertThat(store.revisions("shop")).extracting(Revision::number).containsExactly(3, 2, 1);
    assertThat(store.revisions("nothing")).isEmpty();
    assertThat(store.apps()).containsExactly("blog", "shop");
  }

  @Test
  void anUnknownRevisionIsEmpty() {
    assertThat(store.revision("shop", 7)).isEmpty();
  }

  @Test
  void revisionNumbersStartAtOneAndCountPerApp() {
    assertThat(store.nextRevisionNumber("shop")).isEqualTo(1);
    store.saveRevision(revision("shop", 1));
    assertThat(store.nextRevisionNumber("shop")).isEqualTo(2);
    store.saveRevision(revision("shop", 2));

    assertThat(store.nextRevisionNumber("shop")).isEqualTo(3);
    assertThat(store.nextRevisionNumber("blog")).isEqualTo(1);
  }

  @Test
  void aRevisionWithoutStateIsRefusedNamingTheField() {
    Revision noState = revision("shop", 1).withState(null);

    assertThatThrownBy(() -> store.saveRevision(noState))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("revision.state: null (expected: a state)");
  }
}
