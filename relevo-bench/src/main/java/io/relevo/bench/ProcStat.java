package io.relevo.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time and memory of a process from /proc: {@code utime + stime} of {@code /proc/PID/stat} (in
 * clock ticks, {@link #TICKS_PER_SECOND}), per thread from {@code /proc/PID/task/TID/stat}, and
 * VmRSS. A process that ended reads as 0.
 */
final class ProcStat {

  /** USER_HZ: the unit of utime and stime, 100 on every Linux that the JDK runs on. */
  static final long TICKS_PER_SECOND = 100;

  private ProcStat() {}

  /** User plus system CPU time of the whole process so far, in ticks. */
  static long cpuTicks(long pid) {
    return ticksOf(Path.of("/proc/" + pid + "/stat"));
  }

  /** CPU ticks so far of each thread of the process, keyed {@code "name (tid)"}. */
  static Map<String, Long> threadTicks(long pid) {
    Map<String, Long> threads = new LinkedHashMap<>();
    try (DirectoryStream<Path> tasks =
        Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
      for (Path task : tasks) {
        String name = threadName(task);
        threads.put(name + " (" + task.getFileName() + ")", ticksOf(task.resolve("stat")));
      }
    } catch (IOException gone) {
      // The process ended: no threads.
    }
    return threads;
  }

  static long rssKib(long pid) {
    return Subject.Rss.ofPid(pid);
  }

  /** Share of one core used between two readings {@code seconds} apart, in percent. */
  static double percentOfCore(long ticksBefore, long ticksAfter, double seconds) {
    return 100.0 * (ticksAfter - ticksBefore) / TICKS_PER_SECOND / seconds;
  }

  private static long ticksOf(Path stat) {
    try {
      String text = Files.readString(stat);
      // Fields after the command name, which is in parentheses and may hold spaces: field 3 on.
      String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime (14), stime (15)
    } catch (IOException | RuntimeException gone) {
      return 0;
    }
  }

  private static String threadName(Path task) {
    try {
      return Files.readString(task.resolve("comm")).strip();
    } catch (IOException gone) {
      return "?";
    }
  }
}
