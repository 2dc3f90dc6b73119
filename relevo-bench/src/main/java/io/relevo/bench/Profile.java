package io.relevo.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JFR recording of relevo's proxy under the fast scenario's load (a separate run, not one of the
 * measured ones), summed up as the methods the event loop spends its samples in (self time), the
 * relevo frames on those stacks (total time), and the classes allocated most.
 */
final class Profile {

  private static final int TOP = 20;

  record Result(
      Path recording,
      String wrkCommand,
      long samples,
      long nativeSamples,
      List<String> selfTop,
      List<String> relevoTotalTop,
      List<String> nativeTop,
      List<String> allocationTop,
      WrkResult load) {}

  private final Subjects subjects;
  private final Wrk wrk;
  private final Path work;

  Profile(Subjects subjects, Wrk wrk, Path work) {
    this.subjects = subjects;
    this.wrk = wrk;
    this.work = work;
  }

  Result run(int connections, Duration warmup, Duration duration)
      throws IOException, InterruptedException {
    Path recording = work.resolve("relevo.jfr");
    int backendPort = Subjects.freePort();
    WrkResult load;
    try (Subject backend = subjects.nginxBackend(backendPort);
        Subject relevo =
            subjects.relevo(
                Subjects.freePort(),
                backendPort,
                0,
                List.of(
                    "-XX:StartFlightRecording=settings=profile,filename="
                        + recording
                        + ",dumponexit=true"))) {
      wrk.run(relevo.port(), connections, warmup);
      load = wrk.run(relevo.port(), connections, duration);
    }
    Map<String, Long> self = new HashMap<>();
    Map<String, Long> relevoTotal = new HashMap<>();
    Map<String, Long> allocated = new HashMap<>();
    Map<String, Long> inNative = new HashMap<>();
    long samples = 0;
    long nativeSamples = 0;
    for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
      String type = event.getEventType().getName();
      if (type.equals("jdk.ExecutionSample")) {
        RecordedStackTrace stack = event.getStackTrace();
        if (stack == null || stack.getFrames().isEmpty()) {
          continue;
        }
        samples++;
        self.merge(name(stack.getFrames().getFirst()), 1L, Long::sum);
        stack.getFrames().stream()
            .map(Profile::name)
            .filter(n -> n.startsWith("io.relevo"))
            .distinct()
            .forEach(n -> relevoTotal.merge(n, 1L, Long::sum));
      } else if (type.equals("jdk.NativeMethodSample") && onEventLoop(event)) {
        RecordedStackTrace stack = event.getStackTrace();
        if (stack != null && !stack.getFrames().isEmpty()) {
          nativeSamples++;
          inNative.merge(name(stack.getFrames().getFirst()), 1L, Long::sum);
        }
      } else if (type.equals("jdk.ObjectAllocationSample")) {
        allocated.merge(
            event.getClass("objectClass").getName(), event.getLong("weight"), Long::sum);
      }
    }
    return new Result(
        recording,
        wrk.command(0, connections, duration),
        samples,
        nativeSamples,
        top(self, samples),
        top(relevoTotal, samples),
        top(inNative, nativeSamples),
        top(allocated, allocated.values().stream().mapToLong(Long::longValue).sum()),
        load);
  }

  /** Native samples of idle threads (JFR's own, the main thread reading stdin) are noise. */
  private static boolean onEventLoop(RecordedEvent event) {
    var thread = event.getThread("sampledThread");
    return thread != null
        && thread.getJavaName() != null
        && thread.getJavaName().startsWith("multiThreadIoEventLoopGroup");
  }

  private static String name(RecordedFrame frame) {
    return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
  }

  private static List<String> top(Map<String, Long> counts, long total) {
    return counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(TOP)
        .map(
            e ->
                String.format("%5.1f%%  %s", 100.0 * e.getValue() / Math.max(1, total), e.getKey()))
        .collect(Collectors.toList());
  }
}
