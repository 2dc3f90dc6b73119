package io.relevo.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlStatementsTest {

  @Test
  void semicolonsInQuotesDollarQuotesAndCommentsDoNotSplitAndLinesAreCounted() {
    String script =
        """
        /* a comment; over
           two lines */ CREATE TABLE "odd;name" (a text DEFAULT 'x;y');

        CREATE FUNCTION touch() RETURNS trigger AS $body$
        BEGIN NEW.at := now(); RETURN NEW; END
        $body$ LANGUAGE plpgsql;
        -- done; really
        SELECT 1
        """;

    assertThat(SqlStatements.split(script))
        .extracting(SqlStatements.Statement::line)
        .containsExactly(2, 4, 8);
    assertThat(SqlStatements.split(script).get(1).sql())
        .startsWith("CREATE FUNCTION")
        .endsWith("LANGUAGE plpgsql");
  }
}
