package io.relevo.proxy.daemon;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JVM options of the proxy process: a small process that holds sockets and counters, tuned for
 * its tail latency and its memory rather than for the throughput of a large heap. The agent starts
 * the proxy process with them, and the benchmark starts relevo's proxy with them. Each choice is
 * measured in docs/PROXY-PERFORMANCE.md:
 *
 * <ul>
 *   <li>Serial GC with a small, fixed young generation: the live set is a few MiB, so a young
 *       collection is a sub-millisecond copy, and an 8 MiB nursery keeps the heap's resident pages
 *       few (G1 and ZGC cost 20 to 40 MiB more RSS for no gain in pauses at this size). The heap is
 *       committed at its maximum from the start, so a burst of new connections never waits for it
 *       to grow; pages never written cost no RSS.
 *   <li>C2 only, on one compiler thread, with glibc held to one malloc arena ({@link #ENVIRONMENT})
 *       and the native heap trimmed every second: C2's code costs half the CPU per request of C1's
 *       (side by side against HAProxy: 0.89x its requests per second on the fast backend against
 *       0.53x with C1 only, and 0.99x against 0.67x at 1,000 connections) at the same peak RSS,
 *       because the trim gives back the compiler's malloc'd arenas after its compiles. One compiler
 *       thread leaves the second core to the event loop. Without tiers, code runs interpreted until
 *       C2 compiles it: a standby that takes over serves its first thousands of requests more
 *       slowly.
 *   <li>{@code --sun-misc-unsafe-memory-access=allow}: without it (JDK 24 and later) Netty reads
 *       and writes its direct buffers through ByteBuffer views, allocating a view per access: about
 *       a fifth of the bytes allocated per request.
 *   <li>Netty's leak detector off: at its default level it records a stack trace for a sample of
 *       buffers, on the event loop.
 *   <li>Compact object headers (JDK 25): 8-byte headers instead of 12, 12% fewer bytes allocated
 *       per request and 1 to 4 MiB less RSS.
 * </ul>
 */
public final class ProxyJvm {

  /**
   * The options for the running JVM's own java (the proxy process runs on the agent's), in the
   * order they go on the command line.
   */
  public static final List<String> OPTIONS = options(Runtime.version().feature());

  /**
   * The environment the proxy process runs with: one malloc arena, so that the native heap the
   * compiler used can be trimmed back (each thread's arena would keep its own peak).
   */
  public static final Map<String, String> ENVIRONMENT = Map.of("MALLOC_ARENA_MAX", "1");

  /** The JDK that introduced {@code --sun-misc-unsafe-memory-access}; older ones refuse it. */
  private static final int UNSAFE_ACCESS_OPTION = 23;

  /**
   * The JDK where {@code -XX:TrimNativeHeapInterval} became a product option (21: experimental).
   */
  private static final int TRIM_OPTION = 22;

  /**
   * The JDK where {@code -XX:+UseCompactObjectHeaders} became a product option (24: experimental).
   */
  private static final int COMPACT_HEADERS_OPTION = 25;

  private ProxyJvm() {}

  /** The options for a java of this feature release (21 and later). */
  static List<String> options(int javaFeature) {
    List<String> options = new ArrayList<>();
    options.add("--enable-native-access=ALL-UNNAMED");
    if (javaFeature >= UNSAFE_ACCESS_OPTION) {
      options.add("--sun-misc-unsafe-memory-access=allow"); // on 21 and 22 it is allowed anyway
    }
    options.addAll(
        List.of(
            "-Xms64m",
            "-Xmx64m",
            "-Xmn8m",
            "-Xss256k",
            "-XX:+UseSerialGC",
            "-XX:MaxMetaspaceSize=64m",
            "-XX:ReservedCodeCacheSize=16m",
            "-XX:-TieredCompilation",
            "-XX:CICompilerCount=1",
            "-Dio.netty.leakDetection.level=disabled"));
    if (javaFeature >= TRIM_OPTION) {
      options.add("-XX:TrimNativeHeapInterval=1000");
    }
    if (javaFeature >= COMPACT_HEADERS_OPTION) {
      options.add("-XX:+UseCompactObjectHeaders");
    }
    return List.copyOf(options);
  }
}
