package io.relevo.core.runtime;

import java.util.List;
import java.util.Optional;

/** A running (or once running) revision, as its runtime sees it. */
public interface Instance {

  /** What the runtime records to find this instance again after an agent restart. */
  InstanceRecord record();

  /** Where the revision listens; the proxy and health checks connect here. */
  Endpoint endpoint();

  /** True while the revision's process or container is running. */
  boolean isAlive();

  /** The exit code once the revision has exited on its own or been stopped. */
  Optional<Integer> exitCode();

  /** The last {@code lines} lines of the revision's output, oldest first. */
  List<String> logTail(int lines);
}
