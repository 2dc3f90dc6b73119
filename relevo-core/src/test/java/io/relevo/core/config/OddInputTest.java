package io.relevo.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OddInputTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "? [a, b]\n: c\n",
        "base: &b {x: 1}\nother:\n  <<: *b\n",
        "app: !!binary aGVsbG8=\n",
        "app: shop\nruntime: {command: [x]}\nhealth: {readiness: {expect_status: 99999999999}}\n",
        "app: shop\nruntime: {command: [x]}\nhealth: {readiness: {retries: 1e3}}\n",
        "app: shop\nruntime: {command: [x]}\nlisten: \"[::1]:8080\"\n",
        "app: shop\nruntime: {command: [x]}\nsmoke:\n  -\n  - ~\n",
        "app: shop\nruntime: {command: [x]}\nenv: \"${}\"\n",
        "app: shop\nruntime: {command: [x]}\nenv: \"${:-x}\"\n",
        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n",
        "\"unterminated\n",
        "app: shop\n...\n",
        "%YAML 1.1\n---\napp: shop\n",
        "42\n",
        "null\n",
      })
  void oddInputIsEitherAValidConfigOrAConfigExceptionWithLocatedProblems(String yaml) {
    Throwable thrown = catchThrowable(() -> ConfigLoader.parse("relevo.yml", yaml, Map.of()));
    if (thrown != null) {
      assertThat(thrown).isInstanceOf(ConfigException.class);
      assertThat(((ConfigException) thrown).problems())
          .isNotEmpty()
          .allSatisfy(p -> assertThat(p.toString()).startsWith("relevo.yml:"));
    }
  }
}
