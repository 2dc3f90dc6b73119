package io.relevo.core.config;

import static io.relevo.core.config.Configs.parse;
import static io.relevo.core.config.Configs.problems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentsTest {

  private static final String CONFIG =
      """
      app: shop
      env: dev
      runtime:
        command: [java, -jar, app.jar]
        env: {LOG_LEVEL: debug, REGION: eu}
      listen: 127.0.0.1:8080
      gates:
        window: {days: [tue-thu], hours: "10:00-14:00"}
      environments:
        staging:
          listen: 127.0.0.1:8081
        production:
          listen: 127.0.0.1:8082
          runtime:
            env: {LOG_LEVEL: warn}
            command: [java, -Xmx2g, -jar, app.jar]
          gates:
            approvals: {production: {quorum: 2}}
      """;

  @Test
  void anEnvironmentIsItsOverridesMergedOverTheBase() {
    AppConfig production = parse(ConfigLoader.withEnvironment(CONFIG, "production"));

    assertThat(production.app()).isEqualTo("shop-production");
    assertThat(production.env()).isEqualTo("production");
    assertThat(production.listen().port()).isEqualTo(8082);
    // maps merge key by key: REGION stays, LOG_LEVEL is replaced
    assertThat(production.runtime().env()).containsEntry("LOG_LEVEL", "warn");
    assertThat(production.runtime().env()).containsEntry("REGION", "eu");
    // lists replace
    assertThat(production.runtime().command()).containsExactly("java", "-Xmx2g", "-jar", "app.jar");
    // the base's window stays beside the environment's approvals
    assertThat(production.gates().window().opens()).hasToString("10:00");
    assertThat(production.gates().approvals()).containsKey("production");
  }

  @Test
  void theStoredTextReadsBackAsTheSameEnvironment() {
    AppConfig staging = parse(ConfigLoader.withEnvironment(CONFIG, "staging"));

    AppConfig again = parse(staging.source().text());

    assertThat(again).isEqualTo(staging);
    assertThat(again.app()).isEqualTo("shop-staging");
    assertThat(again.listen().port()).isEqualTo(8081);
  }

  @Test
  void pickingAgainReplacesAPickOnTheLastLine() {
    String staging = ConfigLoader.withEnvironment(CONFIG, "staging");

    assertThat(ConfigLoader.withEnvironment(staging, "production"))
        .isEqualTo(CONFIG + "environment: production\n");
  }

  @Test
  void withNoEnvironmentPickedTheBaseIsReadAndEveryEnvironmentValidated() {
    AppConfig base = parse(CONFIG);
    assertThat(base.app()).isEqualTo("shop");
    assertThat(base.env()).isEqualTo("dev");
    assertThat(base.listen().port()).isEqualTo(8080);

    assertThat(
            problems(
                Configs.MINIMAL
                    + """
                    environments:
                      staging:
                        listen: nowhere
                    """))
        .containsExactly(
            "relevo.yml:6: listen: \"nowhere\" (expected: host:port with a port in 1..65535, like"
                + " 127.0.0.1:8080)");
  }

  @Test
  void anEnvironmentMayNameItsOwnApp() {
    String yaml = Configs.MINIMAL + "environments:\n  production: {app: shop}\n";

    assertThat(parse(ConfigLoader.withEnvironment(yaml, "production")).app()).isEqualTo("shop");
  }

  @Test
  void anUnknownEnvironmentListsTheOnesThatExist() {
    assertThat(problems(ConfigLoader.withEnvironment(CONFIG, "prod")))
        .containsExactly(
            "relevo.yml:19: environment: unknown environment \"prod\" (expected: one of staging,"
                + " production)");
    assertThat(problems(ConfigLoader.withEnvironment(Configs.MINIMAL, "staging")))
        .containsExactly(
            "relevo.yml:4: environment: unknown environment \"staging\" (expected: an"
                + " environments: section naming it)");
  }

  @Test
  void aBadSectionNamesFileLineAndKey() {
    assertThat(problems(Configs.MINIMAL + "environments: [staging]\n"))
        .containsExactly(
            "relevo.yml:4: environments: a list (expected: a map from an environment's name to"
                + " its overrides, like staging: {listen: 127.0.0.1:8081})");
    assertThat(problems(Configs.MINIMAL + "environments:\n  staging: 3\n  Prod: {}\n"))
        .containsExactly(
            "relevo.yml:5: environments.staging: 3 (expected: a map of the settings this"
                + " environment changes)",
            "relevo.yml:6: environments.Prod: not an environment's name (expected: lower-case"
                + " letters, digits and dashes, like staging)");
    assertThat(problems(Configs.MINIMAL + "environments:\n  staging: {listn: 1}\n"))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("relevo.yml:5: listn: unknown key");
  }

  @Test
  void aNameThatIsNotAnEnvironmentsNameIsRefusedBeforeReading() {
    assertThatThrownBy(() -> ConfigLoader.withEnvironment(CONFIG, "a: b"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("--env: \"a: b\" (expected: an environment's name");
  }

  @Test
  void theSecretsOfEveryEnvironmentAreInterpolated() {
    String yaml =
        Configs.MINIMAL
            + "environments:\n  production:\n    runtime: {env: {DB: \"${PROD_DB}\"}}\n";
    AppConfig production =
        parse(ConfigLoader.withEnvironment(yaml, "production"), Map.of("PROD_DB", "pg://x"));
    assertThat(production.runtime().env()).containsEntry("DB", "pg://x");
  }
}
