package io.relevo.docker;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime's {@link LogFollower}s, one per container it started or adopted with a log file: each
 * ends when its container is stopped, all of them (and their stream client) when the runtime
 * closes.
 */
final class LogCopies implements AutoCloseable {

  // Logged under the public class's name, the one a user filters on.
  private static final Logger log = LoggerFactory.getLogger(DockerRuntime.class);

  /** How long a stopped container's log stream may take to deliver its last lines. */
  private static final Duration LOG_DRAIN = Duration.ofSeconds(2);

  private final Engine streams;
  private final Set<LogFollower> followers = ConcurrentHashMap.newKeySet();

  /** Copies over {@code streams}, a client without response timeout, which this closes. */
  LogCopies(Engine streams) {
    this.streams = streams;
  }

  /**
   * Writes the header of a new container's run into {@code file} and copies its output from the
   * first byte. Throws when the file cannot be written: the caller fails the start, as it does for
   * processes, since a revision whose output goes nowhere cannot be diagnosed.
   */
  void fromStart(DockerInstance instance, String about, Path file) throws IOException {
    LogFollower follower =
        LogFollower.started(streams, instance.id(), instance.name(), about, file);
    instance.follower(follower);
    followers.add(follower);
  }

  /** Resumes copying an adopted container's output; a failure only costs log lines. */
  void resume(DockerInstance instance, Path file) {
    try {
      LogFollower follower = LogFollower.resumed(streams, instance.id(), file);
      instance.follower(follower);
      followers.add(follower);
    } catch (IOException | RuntimeException e) {
      log.warn("cannot copy the log of {} to {}: {}", instance, file, e.toString());
    }
  }

  /** Lets the log stream of an exited container deliver its last lines, then ends it. */
  void end(DockerInstance instance) {
    LogFollower follower = instance.follower();
    if (follower != null) {
      follower.awaitEnd(LOG_DRAIN);
      follower.close();
      followers.remove(follower);
    }
  }

  /** Stops every copy, leaving the containers running, and frees the stream client. */
  @Override
  public void close() {
    followers.forEach(LogFollower::close);
    followers.clear();
    streams.close();
  }
}
