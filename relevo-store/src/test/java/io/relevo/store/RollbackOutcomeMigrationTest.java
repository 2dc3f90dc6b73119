package io.relevo.store;

import static io.relevo.store.Fixtures.T0;
import static io.relevo.store.Fixtures.revision;
import static io.relevo.store.Fixtures.rollout;
import static org.assertj.core.api.Assertions.assertThat;

import io.relevo.core.store.Revision;
import io.relevo.core.store.RolloutEvent;
import io.relevo.core.store.RolloutRecord;
import io.relevo.core.store.RolloutRecord.Outcome;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schema 2: rollbacks end RESTORED, canaries are CANARY, events may warn; old rows still read. */
class RollbackOutcomeMigrationTest {

  @TempDir Path dir;

  @Test
  void aRollbackRecordedAsPromotedBySchemaOneReadsAsRestored() throws Exception {
    Path file = dir.resolve("history.db");
    SqliteDatabase database = new SqliteDatabase(file);
    database.prepare();
    Flyway.configure(getClass().getClassLoader())
        .dataSource(database.dataSource())
        .locations(database.migrationLocation())
        .target("1")
        .loggers("slf4j")
        .load()
        .migrate();
    try (Connection c = database.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "INSERT INTO rollouts (app, kind, from_revision, to_revision, strategy, actor, reason,"
              + " started_at, finished_at, outcome, outcome_reason) VALUES"
              + " ('shop', 'DEPLOY', 1, 2, 'canary', 'ana', '', 1000, 2000, 'ROLLED_BACK', 'x'),"
              + " ('shop', 'ROLLBACK', 2, 1, 'switch', 'ana', '', 3000, 4000, 'PROMOTED', 'y'),"
              + " ('shop', 'DEPLOY', 1, 3, 'canary', 'ana', '', 5000, 6000, 'PROMOTED', 'z')");
    }

    try (CloseableStore store = Stores.sqlite(file)) {
      assertThat(store.rollouts("shop", 10))
          .extracting(RolloutRecord::kind, RolloutRecord::outcome)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(RolloutRecord.Kind.DEPLOY, Outcome.PROMOTED),
              org.assertj.core.groups.Tuple.tuple(RolloutRecord.Kind.ROLLBACK, Outcome.RESTORED),
              org.assertj.core.groups.Tuple.tuple(RolloutRecord.Kind.DEPLOY, Outcome.ROLLED_BACK));
    }
  }

  @Test
  void theNewNamesAreWrittenAndReadBack() {
    try (CloseableStore store = Stores.sqlite(dir.resolve("history.db"))) {
      Revision canary = revision("shop", 2).withState(Revision.State.CANARY);
      store.saveRevision(canary);
      long id = store.startRollout(rollout("shop", 2, 1, T0));
      store.appendEvent(
          id, new RolloutEvent(T0, "target", RolloutEvent.Status.WARNING, "marked bad", null));
      store.finishRollout(id, Outcome.RESTORED, "rolled back", T0.plusSeconds(1));

      assertThat(store.revision("shop", 2)).contains(canary);
      RolloutRecord read = store.rollout(id).orElseThrow();
      assertThat(read.outcome()).isEqualTo(Outcome.RESTORED);
      assertThat(read.events())
          .extracting(RolloutEvent::status)
          .containsExactly(RolloutEvent.Status.WARNING);
    }
  }
}
