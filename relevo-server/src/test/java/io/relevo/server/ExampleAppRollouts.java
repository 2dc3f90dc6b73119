package io.relevo.server;

import io.relevo.core.store.RolloutRecord;
import io.relevo.example.alojamientos.Main;
import java.nio.file.Path;
import java.time.Instant;

/** What the end-to-end tests that ship the example app as processes share. */
final class ExampleAppRollouts {

  private ExampleAppRollouts() {}

  /** The example app's classes, for a {@code runtime.command} that runs it with this JVM. */
  static String appClassPath() throws Exception {
    return Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .toString();
  }

  /** {@code ["/path/to/java", "-cp", "…", "io.relevo.example.alojamientos.Main"]} as YAML. */
  static String command() throws Exception {
    return "[\""
        + ProcessHandle.current().info().command().orElse("java")
        + "\", \"-cp\", \""
        + appClassPath()
        + "\", \"io.relevo.example.alojamientos.Main\"]";
  }

  /** When the rollout's first event of {@code step} happened. */
  static Instant at(RolloutRecord rollout, String step) {
    return rollout.events().stream()
        .filter(e -> e.step().equals(step))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + step + " event in " + rollout.events()))
        .at();
  }
}
