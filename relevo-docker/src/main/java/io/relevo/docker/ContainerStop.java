package io.relevo.docker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a revision's container politely, then removes it, keeping its exit code and last log lines
 * on the instance.
 */
final class ContainerStop {

  // Logged under the public class's name, the one a user filters on.
  private static final Logger log = LoggerFactory.getLogger(DockerRuntime.class);

  /** How long a container may take to exit after SIGKILL before it is removed anyway. */
  private static final Duration KILL_WAIT = Duration.ofSeconds(5);

  private final Engine engine;
  private final LogCopies logs;

  ContainerStop(Engine engine, LogCopies logs) {
    this.engine = engine;
    this.logs = logs;
  }

  /**
   * Sends the container's stop signal, waits up to {@code grace} for it to exit, then sends
   * SIGKILL; then removes it. Idempotent: a stopped or removed container is only removed.
   */
  void stop(DockerInstance container, Duration grace) {
    if (container.removed()) {
      return;
    }
    String id = container.id();
    Optional<InspectContainerResponse> state = engine.inspect(id);
    if (state.isEmpty()) {
      logs.end(container);
      container.markRemoved(null, List.of());
      return;
    }
    if (DockerInstance.running(state.get())) {
      kill(id, container.stopSignal());
      if (!awaitExit(id, grace)) {
        log.warn(
            "{} still running {} after {}; sending SIGKILL",
            container,
            grace,
            container.stopSignal());
        kill(id, "SIGKILL");
        awaitExit(id, KILL_WAIT);
      }
    }
    Integer code = engine.inspect(id).flatMap(DockerInstance::exitCodeOf).orElse(null);
    List<String> lines = engine.logTail(id, DockerInstance.KEPT_LINES);
    logs.end(container);
    engine.forceRemove(id);
    container.markRemoved(code, lines);
    log.info("stopped and removed {} (exit code {})", container, code);
  }

  private void kill(String id, String signal) {
    try {
      engine.run(
          "signal container " + id,
          () -> engine.client().killContainerCmd(id).withSignal(signal).exec());
    } catch (NotFoundException | ConflictException e) {
      // Gone or exited since it was inspected: the stop is already done.
    }
  }

  private boolean awaitExit(String id, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (engine.inspect(id).map(DockerInstance::running).orElse(false)) {
      if (System.nanoTime() - deadline >= 0) {
        return false;
      }
      if (!Poll.pause()) {
        return false;
      }
    }
    return true;
  }
}
