package io.relevo.docker;

import java.net.URI;
import java.util.Map;

/**
 * Where the Docker engine listens: {@code DOCKER_HOST} when set, else {@code
 * unix:///var/run/docker.sock}, as the docker CLI does.
 *
 * @param uri the engine's address, {@code unix:///path} or {@code tcp://host:port}
 * @param source where the address came from, for error messages: {@code DOCKER_HOST} or {@code
 *     default}
 */
public record DockerHost(URI uri, String source) {

  /** The docker CLI's default socket. */
  public static final String DEFAULT = "unix:///var/run/docker.sock";

  public DockerHost {
    String scheme = uri == null ? null : uri.getScheme();
    if (!"unix".equals(scheme) && !"tcp".equals(scheme)) {
      throw new IllegalArgumentException(
          "DOCKER_HOST: " + uri + " (expected: unix:///path/to/docker.sock or tcp://host:port)");
    }
  }

  /** The engine of {@code DOCKER_HOST} in this process's environment, or the default socket. */
  public static DockerHost fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  /** The engine of {@code DOCKER_HOST} in {@code env}, or the default socket. */
  public static DockerHost fromEnvironment(Map<String, String> env) {
    String value = env.get("DOCKER_HOST");
    if (value == null || value.isBlank()) {
      return new DockerHost(URI.create(DEFAULT), "default");
    }
    URI uri;
    try {
      uri = URI.create(value.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "DOCKER_HOST: " + value + " (expected: unix:///path/to/docker.sock or tcp://host:port)");
    }
    return new DockerHost(uri, "DOCKER_HOST");
  }

  /** The socket path for {@code unix:} addresses, the address itself otherwise. */
  public String describe() {
    return "unix".equals(uri.getScheme()) ? uri.getPath() : uri.toString();
  }

  @Override
  public String toString() {
    return uri + " (" + source + ")";
  }
}
