package io.relevo.core.config;

import static io.relevo.core.config.Configs.problems;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopLevelValidationTest {

  private static final String RUNTIME = "runtime:\n  command: [java, -jar, app.jar]\n";

  @Test
  void aMissingAppIsReportedOnTheFirstLine() {
    assertThat(problems(RUNTIME))
        .containsExactly(
            "relevo.yml:1: app: missing (expected: the app's name, like app: alojamientos)");
  }

  @Test
  void anEmptyAppIsReportedAsEmpty() {
    assertThat(problems("app:\n" + RUNTIME))
        .containsExactly(
            "relevo.yml:1: app: empty (expected: the app's name, like app: alojamientos)");
  }

  @Test
  void anAppNameWithUpperCaseOrSpacesIsRejectedWithTheRule() {
    assertThat(problems(RUNTIME + "app: My Shop\n"))
        .containsExactly(
            "relevo.yml:3: app: \"My Shop\" (expected: lower-case letters, digits and dashes,"
                + " starting with a letter, at most 63 characters, like alojamientos)");
  }

  @Test
  void anAppNameLongerThan63CharactersIsRejected() {
    assertThat(problems("app: a" + "b".repeat(63) + "\n" + RUNTIME)).hasSize(1);
    assertThat(Configs.parse("app: a" + "b".repeat(62) + "\n" + RUNTIME).app()).hasSize(63);
  }

  @Test
  void envMustBeAStringNotAMap() {
    assertThat(problems(Configs.MINIMAL + "env: {name: prod}\n"))
        .containsExactly("relevo.yml:4: env: a map (expected: a string, like production)");
  }

  @Test
  void aMissingRuntimeIsReportedWithAnExample() {
    assertThat(problems("app: shop\n"))
        .containsExactly(
            "relevo.yml:1: runtime: missing (expected: a map with at least command, like"
                + " runtime: {command: [\"java\", \"-jar\", \"app-{version}.jar\"]})");
  }

  @Test
  void listenNeedsAPortInRange() {
    assertThat(problems(Configs.MINIMAL + "listen: 127.0.0.1:99999\n"))
        .containsExactly(
            "relevo.yml:4: listen: \"127.0.0.1:99999\" (expected: host:port with a port in"
                + " 1..65535, like 127.0.0.1:8080)");
    assertThat(problems(Configs.MINIMAL + "listen: localhost:0\n")).hasSize(1);
    assertThat(problems(Configs.MINIMAL + "listen: localhost\n")).hasSize(1);
  }

  @Test
  void listenAcceptsABarePortAsLoopback() {
    assertThat(Configs.parse(Configs.MINIMAL + "listen: 9090\n").listen())
        .isEqualTo(new HostPort("127.0.0.1", 9090));
    assertThat(Configs.parse(Configs.MINIMAL + "listen: \":9090\"\n").listen())
        .isEqualTo(new HostPort("127.0.0.1", 9090));
  }

  @Test
  void aDocumentThatIsNotAMapIsRejected() {
    assertThat(problems("- app: shop\n"))
        .containsExactly(
            "relevo.yml:1: a list (expected: a map of settings, starting with app: name)");
  }

  @Test
  void anEmptyFileReportsTheTwoRequiredSettings() {
    assertThat(problems(""))
        .containsExactly(
            "relevo.yml:1: app: missing (expected: the app's name, like app: alojamientos)",
            "relevo.yml:1: runtime: missing (expected: a map with at least command, like"
                + " runtime: {command: [\"java\", \"-jar\", \"app-{version}.jar\"]})");
  }

  @Test
  void aSectionOfTheWrongTypeSaysAMapIsExpected() {
    assertThat(problems(Configs.MINIMAL + "health: [readiness]\n"))
        .containsExactly("relevo.yml:4: health: a list (expected: a map)");
  }

  @Test
  void aKeySetTwiceIsReportedAtTheSecondOne() {
    assertThat(problems(Configs.MINIMAL + "env: a\nenv: b\n"))
        .containsExactly("relevo.yml:5: env: set twice (first at line 4; keep only one)");
  }

  @Test
  void aYamlAliasIsRejectedRatherThanReadAsItsName() {
    assertThat(problems(Configs.MINIMAL + "env: &e prod\nproxy: {drain_timeout: *e}\n"))
        .containsExactly(
            "relevo.yml:5: proxy.drain_timeout: *e: YAML aliases are not supported (expected:"
                + " the value written out)",
            "relevo.yml:5: proxy.drain_timeout: \"e\" (expected: a duration like 2s, 500ms, 1m)");
  }

  @Test
  void aSecondYamlDocumentIsRejected() {
    assertThat(problems(Configs.MINIMAL + "---\napp: other\n"))
        .containsExactly(
            "relevo.yml:5: a second YAML document (expected: one document; remove the --- line"
                + " and what follows)");
  }
}
