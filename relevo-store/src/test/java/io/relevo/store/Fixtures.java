package io.relevo.store;

import io.relevo.core.runtime.InstanceRecord;
import io.relevo.core.store.Revision;
import io.relevo.core.store.RolloutRecord;
import java.time.Instant;
import java.util.List;

/** Values for store tests. Instants are whole millis: the store keeps epoch millis. */
final class Fixtures {

  static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123Z");

  private Fixtures() {}

  static Revision revision(String app, int number) {
    return new Revision(
        app,
        number,
        "v1." + number + ".0",
        "sha256:" + number,
        "app: " + app + "\n",
        "/srv/" + app + "/relevo.yml",
        Revision.State.SERVING,
        new InstanceRecord("pid-" + number, "127.0.0.1", 40000 + number, 1_700_000_000_000L),
        T0.plusSeconds(number),
        null,
        null);
  }

  static RolloutRecord rollout(String app, Integer from, int to, Instant startedAt) {
    return new RolloutRecord(
        0,
        app,
        RolloutRecord.Kind.DEPLOY,
        from,
        to,
        "canary",
        "ana",
        "ticket 12",
        startedAt,
        null,
        RolloutRecord.Outcome.RUNNING,
        null,
        List.of());
  }
}
