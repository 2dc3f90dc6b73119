package io.relevo.core.engine;

import io.relevo.core.RelevoException;
import io.relevo.core.config.AppConfig;
import io.relevo.core.runtime.Instance;
import io.relevo.core.runtime.RevisionSpec;
import io.relevo.core.store.Revision;
import io.relevo.core.store.RolloutEvent.Status;
import java.nio.file.Path;

/** Starts revisions through the runtime and records where they run. */
final class RevisionLauncher {

  private final EngineParts parts;
  private final RolloutEngine engine;

  RevisionLauncher(EngineParts parts, RolloutEngine engine) {
    this.parts = parts;
    this.engine = engine;
  }

  RevisionSpec spec(Revision revision, AppConfig config, Path baseDir) {
    return new RevisionSpec(
        revision.app(),
        revision.number(),
        revision.version(),
        config,
        baseDir,
        engine.logFile(revision.app(), revision.number()));
  }

  /** Starts the revision; on success it is recorded as STARTING with its instance. */
  Instance start(LiveApp app, Revision revision, AppConfig config, Path baseDir, RolloutLog log)
      throws StepFailed {
    log.event("start", Status.STARTED, "starting revision " + revision.label());
    Instance instance;
    try {
      instance = parts.runtime().start(spec(revision, config, baseDir));
    } catch (RelevoException e) {
      throw new StepFailed(e.getMessage());
    }
    app.instances.put(revision.number(), instance);
    parts
        .store()
        .saveRevision(
            revision
                .withState(Revision.State.STARTING)
                .withInstance(instance.record())
                .withExitCode(null));
    log.event(
        "start",
        Status.OK,
        "revision "
            + revision.label()
            + " started as "
            + instance.record().id()
            + " on "
            + instance.endpoint());
    return instance;
  }
}
