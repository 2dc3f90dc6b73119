package io.relevo.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The engine points nowhere: no proxy, database, container or cluster code reaches into it. */
class LayeringTest {

  private final JavaClasses core =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.relevo.core");

  @Test
  void coreKnowsNothingOfNettyJdbcDockerOrKubernetes() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.netty..",
            "java.sql..",
            "javax.sql..",
            "org.flywaydb..",
            "org.sqlite..",
            "org.postgresql..",
            "com.github.dockerjava..",
            "io.fabric8..",
            "io.relevo.proxy..",
            "io.relevo.store..",
            "io.relevo.process..",
            "io.relevo.postgres..",
            "io.relevo.server..",
            "io.relevo.cli..")
        .check(core);
  }

  @Test
  void coresPackagesHaveNoCycles() {
    slices().matching("io.relevo.core.(*)..").should().beFreeOfCycles().check(core);
  }
}
