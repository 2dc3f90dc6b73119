package io.relevo.core.runtime;

import java.time.Duration;
import java.util.Optional;

/**
 * Where revisions run: local processes, Docker containers, Kubernetes. The engine starts, adopts
 * and stops revisions through this port and knows nothing else of how they run.
 */
public interface RuntimeProvider {

  /**
   * Starts a revision and returns as soon as it is launched (not when it is ready: readiness is the
   * engine's job). Throws {@link io.relevo.core.RelevoException} when it cannot be launched at all.
   */
  Instance start(RevisionSpec spec);

  /**
   * Finds a revision started by an earlier run of the agent, by what was recorded of it. Empty when
   * it is no longer running; such a revision must not be started again by this call.
   */
  Optional<Instance> adopt(RevisionSpec spec, InstanceRecord record);

  /**
   * Stops a revision: a polite signal first, a forced one after {@code grace}. Idempotent: stopping
   * a stopped instance does nothing.
   */
  void stop(Instance instance, Duration grace);
}
