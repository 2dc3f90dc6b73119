package io.relevo.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds and stops revision processes that a crashed agent started but never recorded: {@link
 * ProcessRuntime#create(Path)} marks every process it starts with {@link #MARKER} (the state dir),
 * and a process carrying this state dir's marker whose pid no revision in history holds is such a
 * stray (killed between spawn and record). Reads {@code /proc/PID/environ}, so it finds the current
 * user's processes on Linux only; elsewhere it finds none.
 */
public final class ProcessStrays {

  /** The environment variable naming the state dir of the agent that started a revision. */
  public static final String MARKER = "RELEVO_AGENT_STATE_DIR";

  /**
   * A process of this state dir's revisions that history does not know.
   *
   * @param pid its pid
   * @param app its {@code RELEVO_APP}
   * @param revision its {@code RELEVO_REVISION}, 0 if unreadable
   */
  public record Stray(long pid, String app, int revision) {
    public Stray {
      app = app == null ? "" : app;
    }
  }

  private ProcessStrays() {}

  static String markerOf(Path stateDir) {
    return stateDir.toAbsolutePath().normalize().toString();
  }

  /**
   * The live processes marked with {@code stateDir} whose pid is not in {@code claimed}, without
   * those that descend from a claimed or another marked process (their root decides for them).
   */
  public static List<Stray> find(Path stateDir, Set<Long> claimed) {
    String marker = markerOf(stateDir);
    long self = ProcessHandle.current().pid();
    Map<Long, Map<String, String>> marked = new HashMap<>();
    ProcessHandle.allProcesses()
        .filter(handle -> handle.pid() != self && Liveness.isRunning(handle))
        .forEach(
            handle ->
                environ(handle.pid())
                    .filter(env -> marker.equals(env.get(MARKER)))
                    .ifPresent(env -> marked.put(handle.pid(), env)));
    return marked.entrySet().stream()
        .filter(entry -> !claimed.contains(entry.getKey()))
        .filter(entry -> !descendsFrom(entry.getKey(), claimed, marked.keySet()))
        .map(entry -> stray(entry.getKey(), entry.getValue()))
        .sorted(Comparator.comparingLong(Stray::pid))
        .toList();
  }

  /**
   * Stops the stray and its descendants as the runtime stops a revision: SIGTERM, then SIGKILL to
   * whichever remain after {@code grace}. Returns false when it was already gone.
   */
  public static boolean stop(Stray stray, Duration grace) {
    return ProcessHandle.of(stray.pid())
        .map(handle -> ProcessRuntime.stopTree(handle, grace, "stray process " + stray.pid()))
        .orElse(false);
  }

  private static boolean descendsFrom(long pid, Set<Long> claimed, Set<Long> marked) {
    Optional<ProcessHandle> parent = ProcessHandle.of(pid).flatMap(ProcessHandle::parent);
    while (parent.isPresent()) {
      long ancestor = parent.get().pid();
      if (claimed.contains(ancestor) || marked.contains(ancestor)) {
        return true;
      }
      parent = parent.get().parent();
    }
    return false;
  }

  private static Stray stray(long pid, Map<String, String> env) {
    int revision;
    try {
      revision = Integer.parseInt(env.getOrDefault("RELEVO_REVISION", "0"));
    } catch (NumberFormatException e) {
      revision = 0;
    }
    return new Stray(pid, env.get("RELEVO_APP"), revision);
  }

  /** The process's environment; empty when it is not readable (another user's, gone, no /proc). */
  static Optional<Map<String, String>> environ(long pid) {
    try {
      byte[] bytes = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"));
      Map<String, String> env = new HashMap<>();
      for (String entry : new String(bytes, StandardCharsets.UTF_8).split("\0")) {
        int equals = entry.indexOf('=');
        if (equals > 0) {
          env.put(entry.substring(0, equals), entry.substring(equals + 1));
        }
      }
      return Optional.of(env);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
