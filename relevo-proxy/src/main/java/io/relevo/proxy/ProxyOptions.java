package io.relevo.proxy;

/**
 * How the proxy runs, whatever apps it serves.
 *
 * @param eventLoopThreads threads of the one event loop group shared by every app's front door and
 *     its connections to revisions; 0 means one per available processor (the default)
 */
public record ProxyOptions(int eventLoopThreads) {

  public ProxyOptions {
    if (eventLoopThreads < 0) {
      throw new IllegalArgumentException(
          "eventLoopThreads: " + eventLoopThreads + " (expected: >= 0, 0 = one per processor)");
    }
  }

  /** One event loop thread per available processor. */
  public static ProxyOptions defaults() {
    return new ProxyOptions(0);
  }

  /** The number of threads to start: {@link #eventLoopThreads}, or the processor count for 0. */
  int threads() {
    return eventLoopThreads == 0 ? Runtime.getRuntime().availableProcessors() : eventLoopThreads;
  }
}
