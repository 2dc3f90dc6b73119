package io.relevo.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a process still runs. {@link ProcessHandle#isAlive()} counts a zombie (exited, not yet
 * reaped) as alive; an orphan's zombie waits for PID 1 to reap it, which in a container can take a
 * second or more, and every stop would wait for that too. So on Linux the state in {@code
 * /proc/<pid>/stat} decides.
 */
final class Liveness {

  private Liveness() {}

  static boolean isRunning(ProcessHandle handle) {
    return handle.isAlive() && !isZombie(handle.pid());
  }

  private static boolean isZombie(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // "pid (comm) S ...": comm may hold spaces and parentheses, so read after the last ')'.
      int close = stat.lastIndexOf(')');
      return close >= 0 && close + 2 < stat.length() && stat.charAt(close + 2) == 'Z';
    } catch (IOException | RuntimeException e) {
      // No /proc (not Linux) or the process is gone: isAlive() already answered.
      return false;
    }
  }
}
