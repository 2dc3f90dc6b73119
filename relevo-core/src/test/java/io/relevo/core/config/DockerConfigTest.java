package io.relevo.core.config;

import static io.relevo.core.config.Configs.problems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relevo.core.config.DockerConfig.Pull;
import io.relevo.core.config.RuntimeConfig.RuntimeType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerConfigTest {

  private static String docker(String lines) {
    return "app: shop\nruntime:\n  type: docker\n" + lines;
  }

  private static final String VALID = "  image: shop:{version}\n  container_port: 8000\n";

  @Test
  void everyDockerKeyIsReadIntoTheRecord() {
    RuntimeConfig runtime =
        Configs.parse(
                docker(
                    """
                      image: registry.example.com/shop:{version}
                      container_port: 8000
                      host_port: 18000
                      command: [gunicorn, app:app]
                      port_env: APP_PORT
                      env: {APP_VERSION: "{version}"}
                      env_files: [.env, .env.production]
                      volumes: [./uploads:/app/uploads, cache:/var/cache:ro]
                      network: shop-backend
                      labels: {team: payments, com.example.version: "{version}"}
                      memory: 512m
                      cpus: 1.5
                      pull: never
                      stop_signal: SIGINT
                      stop_grace: 20s
                    """))
            .runtime();

    assertThat(runtime.type()).isEqualTo(RuntimeType.DOCKER);
    assertThat(runtime.command()).containsExactly("gunicorn", "app:app");
    assertThat(runtime.portEnv()).isEqualTo("APP_PORT");
    assertThat(runtime.env()).isEqualTo(Map.of("APP_VERSION", "{version}"));
    assertThat(runtime.stopGrace()).isEqualTo(Duration.ofSeconds(20));
    assertThat(runtime.docker())
        .isEqualTo(
            new DockerConfig(
                "registry.example.com/shop:{version}",
                8000,
                18000,
                List.of(".env", ".env.production"),
                List.of("./uploads:/app/uploads", "cache:/var/cache:ro"),
                "shop-backend",
                Map.of("team", "payments", "com.example.version", "{version}"),
                512L << 20,
                1.5,
                Pull.NEVER,
                "SIGINT"));
  }

  @Test
  void onlyImageAndContainerPortAreNeededAndTheRestDefaults() {
    RuntimeConfig runtime = Configs.parse(docker(VALID)).runtime();

    assertThat(runtime.command()).isEmpty();
    assertThat(runtime.portEnv()).isEqualTo("PORT");
    assertThat(runtime.docker()).isEqualTo(DockerConfig.of("shop:{version}", 8000));
    assertThat(runtime.docker().pull()).isEqualTo(Pull.MISSING);
    assertThat(runtime.docker().stopSignal()).isEqualTo("SIGTERM");
    assertThat(runtime.docker().hostPort()).isZero();
    assertThat(runtime.docker().memoryBytes()).isZero();
  }

  @Test
  void imageAndContainerPortAreRequiredAndReportedAtTheRuntimeKey() {
    assertThat(problems(docker("")))
        .containsExactly(
            "relevo.yml:2: runtime.image: missing (expected: an image reference like"
                + " shop:{version}, when type is docker)",
            "relevo.yml:2: runtime.container_port: missing (expected: the port the service"
                + " listens on inside the container, like 8000)");
  }

  @Test
  void portsOutsideTheirRangeAreRejected() {
    assertThat(problems(docker("  image: shop\n  container_port: 0\n  host_port: 70000\n")))
        .containsExactly(
            "relevo.yml:5: runtime.container_port: 0 (expected: 1..65535)",
            "relevo.yml:6: runtime.host_port: 70000 (expected: 0..65535)");
  }

  @Test
  void anImageWithBlanksIsRejected() {
    assertThat(problems(docker("  image: shop latest\n  container_port: 80\n")))
        .containsExactly(
            "relevo.yml:4: runtime.image: \"shop latest\" (expected: an image reference like"
                + " shop:{version})");
  }

  @Test
  void memoryIsASizeWithAUnitAndAtLeastDockersMinimum() {
    assertThat(problems(docker(VALID + "  memory: lots\n")))
        .containsExactly(
            "relevo.yml:6: runtime.memory: \"lots\" (expected: a size like 512m, 1g or 1.5g)");
    assertThat(problems(docker(VALID + "  memory: 4m\n")))
        .containsExactly(
            "relevo.yml:6: runtime.memory: \"4m\" (expected: at least 6m, the smallest limit"
                + " Docker allows)");
  }

  @Test
  void memorySizesAreReadInPowersOf1024() {
    assertThat(ByteSizes.parse("512m")).isEqualTo(512L * 1024 * 1024);
    assertThat(ByteSizes.parse("1.5g")).isEqualTo(1536L * 1024 * 1024);
    assertThat(ByteSizes.parse("256MiB")).isEqualTo(256L * 1024 * 1024);
    assertThat(ByteSizes.parse("64kb")).isEqualTo(64L * 1024);
    assertThat(ByteSizes.parse(" 1048576 ")).isEqualTo(1048576L);
    assertThatThrownBy(() -> ByteSizes.parse("1.5x"))
        .hasMessage("\"1.5x\" (expected: a size like 512m, 1g or 1.5g)");
    assertThatThrownBy(() -> ByteSizes.parse("-1m"))
        .hasMessage("\"-1m\" (expected: a size like 512m, 1g or 1.5g)");
  }

  @Test
  void cpusIsAPositiveNumber() {
    assertThat(Configs.parse(docker(VALID + "  cpus: 0.5\n")).runtime().docker().cpus())
        .isEqualTo(0.5);
    assertThat(problems(docker(VALID + "  cpus: two\n")))
        .containsExactly(
            "relevo.yml:6: runtime.cpus: \"two\" (expected: a number of CPUs from 0.01, like 0.5"
                + " or 2)");
    assertThat(problems(docker(VALID + "  cpus: 0\n")))
        .containsExactly(
            "relevo.yml:6: runtime.cpus: 0 (expected: a number of CPUs from 0.01, like 0.5 or 2)");
  }

  @Test
  void pullIsOneOfThreePolicies() {
    assertThat(Configs.parse(docker(VALID + "  pull: Always\n")).runtime().docker().pull())
        .isEqualTo(Pull.ALWAYS);
    assertThat(problems(docker(VALID + "  pull: sometimes\n")))
        .containsExactly(
            "relevo.yml:6: runtime.pull: \"sometimes\" (expected: one of always, missing, never)");
  }

  @Test
  void stopSignalMustNameASignal() {
    assertThat(
            Configs.parse(docker(VALID + "  stop_signal: SIGQUIT\n"))
                .runtime()
                .docker()
                .stopSignal())
        .isEqualTo("SIGQUIT");
    assertThat(problems(docker(VALID + "  stop_signal: sigterm please\n")))
        .containsExactly(
            "relevo.yml:6: runtime.stop_signal: \"sigterm please\" (expected: a signal name like"
                + " SIGTERM, SIGINT or SIGQUIT)");
  }

  @Test
  void aVolumeWithoutATargetIsReportedByIndex() {
    assertThat(problems(docker(VALID + "  volumes:\n    - ./data:/data\n    - ./uploads\n")))
        .containsExactly(
            "relevo.yml:8: runtime.volumes[1]: \"./uploads\" (expected: source:target[:options],"
                + " like ./data:/data or cache:/cache:ro)");
  }

  @Test
  void relevosOwnLabelsCannotBeSet() {
    assertThat(problems(docker(VALID + "  labels:\n    io.relevo.app: other\n")))
        .containsExactly(
            "relevo.yml:7: runtime.labels.io.relevo.app: not a valid name (expected: label names"
                + " like team or com.example.team (io.relevo.* are relevo's own))");
  }

  @Test
  void envFilesIsAListOfFiles() {
    assertThat(problems(docker(VALID + "  env_files: .env\n")))
        .containsExactly(
            "relevo.yml:6: runtime.env_files: \".env\" (expected: a list of files, like"
                + " [.env.production])");
  }

  @Test
  void aCommandIsOptionalForDockerButStillAList() {
    assertThat(problems(docker(VALID + "  command: gunicorn app:app\n")))
        .containsExactly(
            "relevo.yml:6: runtime.command: \"gunicorn app:app\" (expected: a list of strings,"
                + " like [\"java\", \"-jar\", \"app-{version}.jar\"])");
  }

  @Test
  void workdirIsForProcessesOnly() {
    assertThat(problems(docker(VALID + "  workdir: build\n")))
        .containsExactly(
            "relevo.yml:6: runtime.workdir: set, but type is docker (expected: no workdir; the"
                + " image sets it)");
  }

  @Test
  void dockerKeysUnderAProcessRuntimeAreReportedEach() {
    assertThat(problems("app: shop\nruntime:\n  command: [x]\n  image: shop:1\n  memory: 1g\n"))
        .containsExactly(
            "relevo.yml:4: runtime.image: set, but type is process (expected: type: docker or"
                + " kubernetes, or no image)",
            "relevo.yml:5: runtime.memory: set, but type is process (expected: type: docker, or"
                + " no memory)");
  }

  @Test
  void theCompleteExampleOfTheDockerDocsIsValid() throws java.io.IOException {
    String doc = java.nio.file.Files.readString(java.nio.file.Path.of("../docs/DOCKER.md"));
    int section = doc.indexOf("## A complete `relevo.yml`");
    int start = doc.indexOf("```yaml\n", section) + "```yaml\n".length();
    String yaml = doc.substring(start, doc.indexOf("```", start));

    RuntimeConfig runtime =
        Configs.parse(yaml, Map.of("DATABASE_URL", "postgresql://db/shop")).runtime();

    assertThat(runtime.type()).isEqualTo(RuntimeType.DOCKER);
    assertThat(runtime.docker().image()).isEqualTo("registry.example.com/shop:{version}");
    assertThat(runtime.docker().memoryBytes()).isEqualTo(512L << 20);
  }

  @Test
  void everyProblemOfADockerRuntimeIsListedAtOnce() {
    assertThat(
            problems(
                docker("  container_port: http\n  pull: maybe\n  memory: 1x\n  stop_grace: 10\n")))
        .hasSize(5)
        .first()
        .isEqualTo(
            "relevo.yml:2: runtime.image: missing (expected: an image reference like"
                + " shop:{version}, when type is docker)");
  }
}
