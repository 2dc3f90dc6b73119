package io.relevo.postgres;

import io.relevo.core.database.LintIssue;
import io.relevo.core.database.LintIssue.Kind;
import io.relevo.core.database.SqlLinter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.alter.AlterExpression;
import net.sf.jsqlparser.statement.create.index.CreateIndex;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.truncate.Truncate;
import net.sf.jsqlparser.statement.update.Update;

/**
 * Lints PostgreSQL migration SQL with JSqlParser, statement by statement: the checks of Atlas's
 * {@code migrate lint} that matter for a zero-downtime deploy, where the previous revision keeps
 * running against the migrated schema.
 */
final class PostgresLinter implements SqlLinter {

  /** Defaults that PostgreSQL evaluates per row, so ADD COLUMN rewrites the whole table. */
  private static final Set<String> VOLATILE =
      Set.of(
          "random",
          "clock_timestamp",
          "timeofday",
          "gen_random_uuid",
          "uuid_generate_v1",
          "uuid_generate_v4",
          "nextval",
          "txid_current");

  private static final Set<String> SERIAL = Set.of("serial", "bigserial", "smallserial");

  /** Transaction control that JSqlParser does not read and that needs no check. */
  private static final Set<String> TRANSACTION =
      Set.of("BEGIN", "BEGIN TRANSACTION", "BEGIN WORK", "START TRANSACTION", "END", "COMMIT");

  @Override
  public List<LintIssue> lint(String sql) {
    List<LintIssue> issues = new ArrayList<>();
    for (SqlStatements.Statement each : SqlStatements.split(sql)) {
      String text = each.sql();
      if (TRANSACTION.contains(text.replaceAll("\\s+", " ").toUpperCase(Locale.ROOT))) {
        continue;
      }
      Statement statement;
      try {
        statement = CCJSqlParserUtil.parse(text);
      } catch (JSQLParserException e) {
        issues.add(issue(each, Kind.UNPARSED, "the SQL parser cannot read it; check it by hand"));
        continue;
      }
      check(each, statement, issues);
    }
    return issues;
  }

  private static void check(
      SqlStatements.Statement each, Statement statement, List<LintIssue> out) {
    switch (statement) {
      case Drop drop when "TABLE".equalsIgnoreCase(drop.getType()) ->
          out.add(issue(each, Kind.DESTRUCTIVE, "drops table " + drop.getName() + " and its data"));
      case Truncate truncate ->
          out.add(issue(each, Kind.DESTRUCTIVE, "deletes every row of " + truncate.getTable()));
      case Delete delete when delete.getWhere() == null ->
          out.add(
              issue(
                  each,
                  Kind.DESTRUCTIVE,
                  "DELETE without WHERE deletes every row of " + delete.getTable()));
      case Update update when update.getWhere() == null ->
          out.add(
              issue(
                  each,
                  Kind.DESTRUCTIVE,
                  "UPDATE without WHERE rewrites every row of " + update.getTable()));
      case CreateIndex index when !index.isConcurrently() ->
          out.add(
              issue(
                  each,
                  Kind.LOCKING,
                  "builds the index without CONCURRENTLY: writes to "
                      + index.getTable()
                      + " wait until it is built"));
      case Alter alter -> {
        if (alter.getAlterExpressions() != null) {
          for (AlterExpression expression : alter.getAlterExpressions()) {
            alter(each, alter, expression, out);
          }
        }
      }
      default -> {}
    }
  }

  private static void alter(
      SqlStatements.Statement each, Alter alter, AlterExpression expression, List<LintIssue> out) {
    String table = alter.getTable().toString();
    String clause = expression.toString().toUpperCase(Locale.ROOT);
    switch (expression.getOperation()) {
      case DROP -> {
        if (expression.getColumnName() != null) {
          out.add(
              issue(
                  each,
                  Kind.DESTRUCTIVE,
                  "drops column "
                      + table
                      + "."
                      + expression.getColumnName()
                      + " and its data; the previous revision still reads it"));
        }
      }
      case RENAME, RENAME_TABLE, RENAME_INDEX, RENAME_CONSTRAINT ->
          out.add(
              issue(
                  each,
                  Kind.DESTRUCTIVE,
                  "renames in " + table + "; the previous revision still uses the old name"));
      case ALTER, MODIFY, CHANGE -> {
        if (clause.contains(" TYPE ") || clause.contains(" SET DATA TYPE ")) {
          out.add(
              issue(
                  each,
                  Kind.DESTRUCTIVE,
                  "changes a column type of "
                      + table
                      + ": rewrites the table under an exclusive lock and may fail or lose data"));
        }
        if (clause.contains("SET NOT NULL")) {
          out.add(
              issue(
                  each,
                  Kind.DESTRUCTIVE,
                  "SET NOT NULL on "
                      + table
                      + " scans the table under an exclusive lock and breaks the previous"
                      + " revision's inserts that leave the column empty"));
        }
      }
      case ADD -> {
        if (expression.getColDataTypeList() != null) {
          for (AlterExpression.ColumnDataType column : expression.getColDataTypeList()) {
            String type = column.getColDataType().getDataType().toLowerCase(Locale.ROOT);
            String specs = String.join(" ", column.getColumnSpecs()).toLowerCase(Locale.ROOT);
            String volatileDefault =
                SERIAL.contains(type)
                    ? type
                    : VOLATILE.stream()
                        .filter(f -> specs.matches(".*\\bdefault\\s+" + f + "\\s*\\(.*"))
                        .findFirst()
                        .orElse(null);
            if (volatileDefault != null) {
              out.add(
                  issue(
                      each,
                      Kind.LOCKING,
                      "adds column "
                          + column.getColumnName()
                          + " with a volatile default ("
                          + volatileDefault
                          + "): rewrites every row of "
                          + table
                          + " under an exclusive lock"));
            }
          }
        }
      }
      default -> {}
    }
  }

  private static LintIssue issue(SqlStatements.Statement each, Kind kind, String why) {
    String oneLine = each.sql().replaceAll("\\s+", " ");
    String shown = oneLine.length() > 90 ? oneLine.substring(0, 87) + "..." : oneLine;
    return new LintIssue(each.line(), kind, shown, why);
  }
}
