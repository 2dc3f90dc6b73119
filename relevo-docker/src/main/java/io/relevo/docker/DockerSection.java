package io.relevo.docker;

import io.relevo.core.config.DockerConfig;
import io.relevo.core.config.RuntimeConfig;

/** The Docker keys of a revision's {@code runtime} section, which only {@code type: docker} has. */
final class DockerSection {

  private DockerSection() {}

  /** Throws {@link IllegalArgumentException} when the section is not of {@code type: docker}. */
  static DockerConfig of(RuntimeConfig runtime) {
    if (runtime == null || runtime.docker() == null) {
      throw new IllegalArgumentException(
          "runtime.type: "
              + (runtime == null ? null : runtime.type())
              + " (expected: docker, with its image and container_port)");
    }
    return runtime.docker();
  }
}
