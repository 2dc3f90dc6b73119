package io.relevo.core.config;

import static io.relevo.core.config.Configs.problems;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RuntimeValidationTest {

  private static String runtime(String lines) {
    return "app: shop\nruntime:\n" + lines;
  }

  @Test
  void anUnknownRuntimeTypeListsTheTypes() {
    assertThat(problems(runtime("  type: podman\n  command: [x]\n")))
        .containsExactly(
            "relevo.yml:3: runtime.type: \"podman\" (expected: one of process, docker,"
                + " kubernetes)");
  }

  @Test
  void kubernetesAsksForItsImageItsPortAndItsGateway() {
    assertThat(problems(runtime("  type: kubernetes\n  command: [x]\n")))
        .containsExactly(
            "relevo.yml:2: runtime.image: missing (expected: an image reference like"
                + " registry.example.com/shop:{version})",
            "relevo.yml:2: runtime.container_port: missing (expected: the port the service listens"
                + " on in the pod, like 8000)",
            "relevo.yml:2: runtime.gateway: missing (expected: the Gateway the HTTPRoute attaches"
                + " to, like web; or traffic: replicas when no Gateway API is installed)");
  }

  @Test
  void aMissingCommandIsReportedAtTheRuntimeKey() {
    assertThat(problems(runtime("  port_env: PORT\n")))
        .containsExactly(
            "relevo.yml:2: runtime.command: missing (expected: a list of strings, like"
                + " [\"java\", \"-jar\", \"app-{version}.jar\"])");
  }

  @Test
  void aCommandWrittenAsOneStringAsksForTheList() {
    assertThat(problems(runtime("  command: java -jar app.jar\n")))
        .containsExactly(
            "relevo.yml:3: runtime.command: \"java -jar app.jar\" (expected: a list of strings,"
                + " like [\"java\", \"-jar\", \"app-{version}.jar\"])");
  }

  @Test
  void anEmptyCommandIsRejected() {
    assertThat(problems(runtime("  command: []\n")))
        .containsExactly(
            "relevo.yml:3: runtime.command: an empty list (expected: a list of strings, like"
                + " [\"java\", \"-jar\", \"app-{version}.jar\"])");
  }

  @Test
  void aCommandItemThatIsNotAStringIsReportedByIndex() {
    assertThat(problems(runtime("  command:\n    - java\n    - {jar: app.jar}\n")))
        .containsExactly("relevo.yml:5: runtime.command[1]: a map (expected: a string)");
  }

  @Test
  void numbersInACommandAreKeptAsWritten() {
    assertThat(Configs.parse(runtime("  command: [sleep, 10]\n")).runtime().command())
        .containsExactly("sleep", "10");
  }

  @Test
  void portEnvMustBeAnEnvironmentVariableName() {
    assertThat(problems(runtime("  command: [x]\n  port_env: my-port\n")))
        .containsExactly(
            "relevo.yml:4: runtime.port_env: \"my-port\" (expected: an environment variable name,"
                + " like PORT)");
  }

  @Test
  void runtimeEnvKeysMustBeVariableNamesAndValuesStrings() {
    assertThat(problems(runtime("  command: [x]\n  env:\n    JAVA OPTS: x\n    LIST: [a, b]\n")))
        .containsExactly(
            "relevo.yml:5: runtime.env.JAVA OPTS: not a valid name (expected: environment"
                + " variable names)",
            "relevo.yml:6: runtime.env.LIST: a list (expected: a string)");
  }

  @Test
  void stopGraceIsADuration() {
    assertThat(problems(runtime("  command: [x]\n  stop_grace: 10\n")))
        .containsExactly(
            "relevo.yml:4: runtime.stop_grace: \"10\" (expected: a duration with a unit, like 10s"
                + " or 10ms)");
  }

  @Test
  void aRuntimeThatIsNotAMapIsReportedOnce() {
    assertThat(problems(runtime("  - java\n")))
        .containsExactly("relevo.yml:3: runtime: a list (expected: a map)");
  }
}
