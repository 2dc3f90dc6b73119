package io.relevo.docker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import io.relevo.core.RelevoException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Watches a new container for {@link #START_CHECK} before its start returns: one that exits this
 * fast (a missing file, a bad flag) is reported with its exit code and log at once, not after the
 * readiness timeout. A container that exits later is the readiness check's to report.
 */
final class StartWatch {

  private static final Duration START_CHECK = Duration.ofMillis(500);
  private static final int ERROR_LOG_LINES = 20;

  private StartWatch() {}

  /**
   * Returns when the container still runs after {@link #START_CHECK}; else ends its log copy,
   * removes it and throws {@code FAILED} with its exit code and last {@value #ERROR_LOG_LINES} log
   * lines.
   */
  static void check(Engine engine, LogCopies logs, DockerInstance instance, String what) {
    long deadline = System.nanoTime() + START_CHECK.toNanos();
    while (System.nanoTime() - deadline < 0) {
      Optional<InspectContainerResponse> state = engine.inspect(instance.id());
      if (state.isPresent() && !DockerInstance.running(state.get())) {
        Integer code = DockerInstance.exitCodeOf(state.get()).orElse(null);
        List<String> lines = instance.logTail(ERROR_LOG_LINES);
        logs.end(instance);
        engine.forceRemove(instance.id());
        throw new RelevoException(
            RelevoException.Kind.FAILED,
            "cannot start "
                + what
                + ": container "
                + instance.name()
                + " exited at start with code "
                + code
                + (lines.isEmpty()
                    ? " and wrote no output"
                    : "; its last "
                        + lines.size()
                        + " log lines:\n  "
                        + String.join("\n  ", lines)));
      }
      Poll.pause();
    }
  }
}
