package io.relevo.server;

import io.relevo.core.RelevoException;
import io.relevo.core.runtime.InstanceRecord;
import io.relevo.core.store.Revision;
import io.relevo.core.store.Store;
import io.relevo.docker.DockerRuntime;
import io.relevo.docker.StrayContainer;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports, once when the agent first talks to Docker, the running containers labelled with a known
 * app that belong to no revision in the history: left by a crashed agent between create and record,
 * or started by hand. They are reported, never stopped: relevo only stops what it knows is its own.
 */
final class DockerStrays {

  private static final Logger log = LoggerFactory.getLogger(DockerStrays.class);

  private DockerStrays() {}

  /** Logs a warning per stray container of the apps in {@code store}; returns {@code runtime}. */
  static DockerRuntime reported(DockerRuntime runtime, Store store) {
    try {
      for (String app : store.apps()) {
        List<InstanceRecord> recorded =
            store.revisions(app).stream().map(Revision::instance).filter(Objects::nonNull).toList();
        for (StrayContainer stray : runtime.strays(app, recorded)) {
          log.warn(
              "{}: container {} ({}, revision {}, version {}) runs with relevo's labels but belongs"
                  + " to no revision relevo knows; relevo leaves it running (remove it with `docker"
                  + " rm -f {}` if nobody needs it)",
              app,
              stray.name(),
              shortId(stray.id()),
              stray.revision(),
              stray.version(),
              stray.name());
        }
      }
    } catch (RelevoException e) {
      // No engine yet: the start or adoption that asked for Docker reports that itself.
      log.debug("could not look for stray containers: {}", e.getMessage());
    }
    return runtime;
  }

  private static String shortId(String id) {
    return id.length() > 12 ? id.substring(0, 12) : id;
  }
}
