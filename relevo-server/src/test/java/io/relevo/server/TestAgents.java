package io.relevo.server;

import io.relevo.core.config.AppConfig;
import io.relevo.core.config.ConfigSource;
import io.relevo.core.config.RuntimeConfig;
import io.relevo.core.engine.EngineParts;
import io.relevo.core.engine.RolloutEngine;
import io.relevo.core.health.HealthResult;
import io.relevo.core.health.SmokeResult;
import io.relevo.core.notify.Notifier;
import io.relevo.core.testing.FakeRouter;
import io.relevo.core.testing.FakeRuntime;
import io.relevo.core.testing.InMemoryStore;
import io.relevo.core.testing.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/** Engines and wirings made of fakes, for the API and agent tests. */
final class TestAgents {

  private TestAgents() {}

  /**
   * An engine over fakes whose readiness checks pass while {@code healthy} is true and fail
   * otherwise; waits between checks move a manual clock, so they take no time.
   */
  static RolloutEngine engine(Path stateDir, AtomicBoolean healthy) {
    ManualClock clock = new ManualClock();
    return new RolloutEngine(
        new EngineParts(
            new FakeRuntime(),
            new FakeRouter(),
            new InMemoryStore(),
            Notifier.none(),
            (endpoint, probe) ->
                healthy.get()
                    ? HealthResult.pass("HTTP 200", Duration.ofMillis(1))
                    : HealthResult.fail("connection refused", Duration.ofMillis(1)),
            (endpoint, check) ->
                new SmokeResult(check.name(), true, "HTTP 200", Duration.ofMillis(1)),
            clock,
            clock,
            stateDir,
            Map.of()));
  }

  /**
   * A parser that reads only {@code app: NAME} and answers BAD_INPUT listing each line that is not,
   * so the tests do not depend on the real loader.
   */
  static ConfigParser parser() {
    return (file, text) -> {
      String app = null;
      StringBuilder problems = new StringBuilder();
      int line = 0;
      for (String raw : text.split("\n")) {
        line++;
        if (raw.startsWith("app: ")) {
          app = raw.substring(5).trim();
        } else if (!raw.isBlank()) {
          problems
              .append(problems.isEmpty() ? "" : "\n")
              .append(file)
              .append(':')
              .append(line)
              .append(": unknown key");
        }
      }
      if (app == null || !problems.isEmpty()) {
        throw new io.relevo.core.RelevoException(
            io.relevo.core.RelevoException.Kind.BAD_INPUT,
            problems.isEmpty() ? file + ": app: missing" : problems.toString());
      }
      return new AppConfig(
          app,
          null,
          new RuntimeConfig(null, List.of("true"), null, null, null, null, null),
          null,
          null,
          null,
          null,
          null,
          null,
          new ConfigSource(file, text));
    };
  }

  /** A wiring of an agent that runs this engine and closes nothing. */
  static AgentParts.Wiring wiring(AtomicBoolean healthy) {
    return stateDir -> new AgentParts(engine(stateDir.path(), healthy), parser(), List.of());
  }
}
