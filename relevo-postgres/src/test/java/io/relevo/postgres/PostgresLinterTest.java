package io.relevo.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.relevo.core.database.LintIssue;
import io.relevo.core.database.LintIssue.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostgresLinterTest {

  private final PostgresLinter linter = new PostgresLinter();

  private List<String> lint(String sql) {
    return linter.lint(sql).stream().map(LintIssue::describe).toList();
  }

  @Test
  void destructiveStatementsAreReportedWithTheirLineAndWhy() {
    String sql =
        """
        BEGIN;
        -- drop what v2 no longer reads; a ; in a comment does not split
        ALTER TABLE reservations DROP COLUMN guest;
        ALTER TABLE reservations RENAME COLUMN nights TO stay_nights;
        ALTER TABLE accommodations RENAME TO cabins;
        ALTER TABLE reservations ALTER COLUMN total TYPE numeric(12, 2);
        ALTER TABLE reservations ALTER COLUMN email SET NOT NULL;
        DROP TABLE audit_log;
        TRUNCATE sessions;
        DELETE FROM reservations;
        UPDATE reservations SET status = 'open';
        COMMIT;
        """;

    assertThat(linter.lint(sql)).extracting(LintIssue::kind).containsOnly(Kind.DESTRUCTIVE);
    assertThat(lint(sql))
        .containsExactly(
            "line 3: ALTER TABLE reservations DROP COLUMN guest: destructive: drops column"
                + " reservations.guest and its data; the previous revision still reads it",
            "line 4: ALTER TABLE reservations RENAME COLUMN nights TO stay_nights: destructive:"
                + " renames in reservations; the previous revision still uses the old name",
            "line 5: ALTER TABLE accommodations RENAME TO cabins: destructive: renames in"
                + " accommodations; the previous revision still uses the old name",
            "line 6: ALTER TABLE reservations ALTER COLUMN total TYPE numeric(12, 2): destructive:"
                + " changes a column type of reservations: rewrites the table under an exclusive"
                + " lock and may fail or lose data",
            "line 7: ALTER TABLE reservations ALTER COLUMN email SET NOT NULL: destructive: SET NOT"
                + " NULL on reservations scans the table under an exclusive lock and breaks the"
                + " previous revision's inserts that leave the column empty",
            "line 8: DROP TABLE audit_log: destructive: drops table audit_log and its data",
            "line 9: TRUNCATE sessions: destructive: deletes every row of sessions",
            "line 10: DELETE FROM reservations: destructive: DELETE without WHERE deletes every row"
                + " of reservations",
            "line 11: UPDATE reservations SET status = 'open': destructive: UPDATE without WHERE"
                + " rewrites every row of reservations");
  }

  @Test
  void lockingStatementsAreReportedApartFromDestructiveOnes() {
    String sql =
        """
        CREATE INDEX reservations_guest ON reservations (guest);
        ALTER TABLE reservations ADD COLUMN token uuid DEFAULT gen_random_uuid();
        ALTER TABLE reservations ADD COLUMN seq bigserial;
        """;

    assertThat(linter.lint(sql))
        .extracting(LintIssue::line, LintIssue::kind)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, Kind.LOCKING),
            org.assertj.core.groups.Tuple.tuple(2, Kind.LOCKING),
            org.assertj.core.groups.Tuple.tuple(3, Kind.LOCKING));
    assertThat(lint(sql).get(0)).endsWith("writes to reservations wait until it is built");
    assertThat(lint(sql).get(1))
        .endsWith(
            "adds column token with a volatile default (gen_random_uuid): rewrites every row of"
                + " reservations under an exclusive lock");
  }

  @Test
  void additiveMigrationsPass() {
    String sql =
        """
        CREATE TABLE reviews (id serial PRIMARY KEY, stars int NOT NULL, body text);
        ALTER TABLE reservations ADD COLUMN nights integer DEFAULT 1 NOT NULL;
        ALTER TABLE reservations ADD COLUMN created_at timestamptz DEFAULT now();
        CREATE INDEX CONCURRENTLY reviews_stars ON reviews (stars);
        UPDATE alembic_version SET version_num = 'b2' WHERE version_num = 'a1';
        DELETE FROM sessions WHERE expires_at < now();
        INSERT INTO prefs (name, v) VALUES ('a;b', 'it''s; fine');
        DROP INDEX IF EXISTS old_index;
        """;

    assertThat(lint(sql)).isEmpty();
  }

  @Test
  void aStatementTheParserCannotReadIsReportedNotPassed() {
    assertThat(lint("SELECT 1;\nFROBNICATE TABLE reservations;\n"))
        .containsExactly(
            "line 2: FROBNICATE TABLE reservations: unparsed: the SQL parser cannot read it; check"
                + " it by hand");
  }
}
