package io.relevo.core.config;

import static io.relevo.core.config.Configs.problems;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class YamlSyntaxTest {

  @Test
  void aSyntaxErrorIsOneProblemWithItsLine() {
    assertThat(problems(Configs.MINIMAL + "env: prod\nsmoke: - path: /\n"))
        .containsExactly("relevo.yml:5: YAML syntax error: sequence entries are not allowed here");
  }

  @Test
  void anUnquotedColonInAValueGetsAHint() {
    assertThat(problems(Configs.MINIMAL + "env: eu: west\n"))
        .containsExactly(
            "relevo.yml:4: YAML syntax error: mapping values are not allowed here (expected:"
                + " quotes around a value that contains \": \")");
  }

  @Test
  void anUnclosedFlowListNamesWhereItStarted() {
    assertThat(problems("app: shop\nruntime:\n  command: [java, -jar\n  port_env: PORT\n"))
        .containsExactly(
            "relevo.yml:4: YAML syntax error: expected ',' or ']', but got : (while parsing a"
                + " flow sequence at line 3)");
  }

  @Test
  void tabsInIndentationAreNamed() {
    assertThat(problems("app: shop\nruntime:\n\tcommand: [x]\n"))
        .containsExactly(
            "relevo.yml:3: YAML syntax error: found character '\\t(TAB)' that cannot start any"
                + " token. (Do not use \\t(TAB) for indentation)");
  }
}
