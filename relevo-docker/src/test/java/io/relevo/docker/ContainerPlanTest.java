package io.relevo.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relevo.core.RelevoException;
import io.relevo.core.runtime.RevisionSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerPlanTest {

  @TempDir Path dir;

  @Test
  void nameLabelsImageAndCommandCarryAppRevisionAndVersion() {
    TestRuntime settings =
        TestRuntime.of("shop:{version}", 8000)
            .withCommand(List.of("serve", "--build={version}"))
            .withLabels(Map.of("io.relevo.app", "spoofed", "team", "t-{version}"));

    ContainerPlan plan = ContainerPlan.of(spec("shop", 7, "1.2.3"), settings.config());

    assertThat(plan.name()).isEqualTo("relevo-shop-r7");
    assertThat(plan.image()).isEqualTo("shop:1.2.3");
    assertThat(plan.command()).containsExactly("serve", "--build=1.2.3");
    assertThat(plan.labels())
        .containsEntry("io.relevo.app", "shop")
        .containsEntry("io.relevo.revision", "7")
        .containsEntry("io.relevo.version", "1.2.3")
        .containsEntry("team", "t-1.2.3");
  }

  @Test
  void envFilesAreOverriddenByEnvAndBothByRelevosOwnVariables() throws Exception {
    Files.writeString(dir.resolve("base.env"), "# shared\nA=file\nB=\"quoted\"\nPORT=1\n");
    Files.writeString(dir.resolve("prod.env"), "export C='later'\n\nA=second\n");
    TestRuntime settings =
        TestRuntime.of("shop:1", 8000)
            .withEnvFiles(List.of("base.env", "prod.env"))
            .withEnv(Map.of("A", "env-{version}", "RELEVO_APP", "spoofed"));

    ContainerPlan plan = ContainerPlan.of(spec("shop", 2, "v9"), settings.config());

    assertThat(plan.env())
        .containsEntry("A", "env-v9")
        .containsEntry("B", "quoted")
        .containsEntry("C", "later")
        .containsEntry("PORT", "8000")
        .containsEntry("RELEVO_APP", "shop")
        .containsEntry("RELEVO_REVISION", "2")
        .containsEntry("RELEVO_VERSION", "v9");
  }

  @Test
  void hostPathsInVolumesResolveAgainstTheConfigFolderAndNamedVolumesStay() {
    Path base = dir.toAbsolutePath().normalize();

    assertThat(ContainerPlan.resolveBind("./data:/data:ro", base))
        .isEqualTo(base.resolve("data") + ":/data:ro");
    assertThat(ContainerPlan.resolveBind("/srv/x:/x", base)).isEqualTo("/srv/x:/x");
    assertThat(ContainerPlan.resolveBind("pgdata:/var/lib/postgresql", base))
        .isEqualTo("pgdata:/var/lib/postgresql");
    assertThatThrownBy(() -> ContainerPlan.resolveBind("nodest", base))
        .hasMessage(
            "runtime.volumes: nodest (expected: source:target[:options], like ./data:/data)");
  }

  @Test
  void missingEnvFileIsABadInputNamingTheFile() {
    TestRuntime settings = TestRuntime.of("shop:1", 8000).withEnvFiles(List.of("nope.env"));

    assertThatThrownBy(() -> ContainerPlan.of(spec("shop", 1, "v1"), settings.config()))
        .isInstanceOfSatisfying(
            RelevoException.class,
            e -> assertThat(e.kind()).isEqualTo(RelevoException.Kind.BAD_INPUT))
        .hasMessageContaining("nope.env does not exist");
  }

  @Test
  void envFileLineWithoutEqualsIsReportedWithItsLineNumber() {
    assertThatThrownBy(() -> EnvFile.parse("app.env", List.of("A=1", "oops")))
        .hasMessage("app.env:2: oops (expected: NAME=value)");
  }

  private RevisionSpec spec(String app, int revision, String version) {
    return new RevisionSpec(app, revision, version, null, dir, dir.resolve("log"));
  }
}
