package io.relevo.checks;

import io.relevo.core.analysis.LoadSpec;
import io.relevo.core.load.SyntheticLoad;
import io.relevo.core.metrics.RevisionStats;
import io.relevo.core.runtime.Endpoint;
import java.time.Duration;
import java.util.Map;

/** Starts one {@link LoadRun} per analysis; sends nothing for {@link LoadSpec#NONE}. */
final class HttpSyntheticLoad implements SyntheticLoad {

  private final Duration timeout;
  private final Duration maxRun;
  private final int maxInFlight;

  HttpSyntheticLoad(Duration timeout, Duration maxRun, int maxInFlight) {
    positive("timeout", timeout);
    positive("maxRun", maxRun);
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight: " + maxInFlight + " (expected: >= 1)");
    }
    this.timeout = timeout;
    this.maxRun = maxRun;
    this.maxInFlight = maxInFlight;
  }

  @Override
  public Running start(String app, LoadSpec spec, Map<Integer, Endpoint> targets) {
    if (app == null || app.isBlank()) {
      throw new IllegalArgumentException("app: \"" + app + "\" (expected: an app name)");
    }
    if (spec == null || spec.isNone() || targets == null || targets.isEmpty()) {
      return IDLE;
    }
    return LoadRun.start(app, spec, targets, timeout, maxRun, maxInFlight);
  }

  private static final Running IDLE =
      new Running() {
        @Override
        public RevisionStats snapshot(String app, int revision) {
          return RevisionStats.empty();
        }

        @Override
        public void close() {}
      };

  private static void positive(String name, Duration duration) {
    if (duration == null || duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + ": " + duration + " (expected: > 0)");
    }
  }
}
