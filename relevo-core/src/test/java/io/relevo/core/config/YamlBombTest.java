package io.relevo.core.config;

import static io.relevo.core.config.Configs.problems;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Documents built to exhaust a parser are refused at once, with a message a person can act on. */
class YamlBombTest {

  @Test
  void aBillionLaughsDocumentIsRefusedQuicklyNamingTheAliases() {
    StringBuilder bomb =
        new StringBuilder("app: shop\nlol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int level = 1; level < 10; level++) {
      bomb.append("lol").append(level).append(": &l").append(level).append(" [");
      for (int i = 0; i < 9; i++) {
        bomb.append(i == 0 ? "" : ", ").append("*l").append(level - 1);
      }
      bomb.append("]\n");
    }

    long start = System.nanoTime();
    List<String> problems = problems(bomb.toString());

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    assertThat(problems)
        .contains(
            "relevo.yml:3: lol1[0]: *l0: YAML aliases are not supported (expected: the value written out)");
  }

  @Test
  void aDeeplyNestedDocumentIsRefusedQuickly() {
    String deep = "app: shop\nx: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n";

    long start = System.nanoTime();
    List<String> problems = problems(deep);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    assertThat(problems)
        .singleElement()
        .asString()
        .contains("nested deeper than 64 levels (expected: a relevo.yml, a few levels deep)");
  }

  @Test
  void aHugeDocumentIsRefusedBeforeItIsParsed() {
    String huge = "app: shop\nenv: \"" + "a".repeat(2 * 1024 * 1024) + "\"\n";

    assertThat(problems(huge))
        .singleElement()
        .asString()
        .startsWith("relevo.yml: the file has ")
        .endsWith("(expected: a relevo.yml of at most 1048576; is this the right file?)");
  }
}
