package io.relevo.docker;

import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import io.relevo.core.RelevoException;

/** Turns what the Docker client throws into relevo's exceptions, with the engine's address. */
final class EngineErrors {

  private EngineErrors() {}

  /**
   * An exception the engine answered with ({@link DockerException}) keeps its status for the caller
   * to judge; anything else means the engine was not reached.
   */
  static RuntimeException translate(DockerHost host, String doing, RuntimeException e) {
    if (e instanceof DockerException
        || e instanceof DockerClientException
        || e instanceof RelevoException) {
      return e;
    }
    return unreachable(host, doing, e);
  }

  static RelevoException unreachable(DockerHost host, String doing, Throwable e) {
    return new RelevoException(
        RelevoException.Kind.UNAVAILABLE,
        "cannot "
            + doing
            + ": Docker engine not reachable at "
            + host.describe()
            + " (from "
            + host.source()
            + "): "
            + rootReason(e)
            + "; start dockerd or set DOCKER_HOST to its socket",
        e);
  }

  /** The engine's own message: docker-java wraps it in "Status 404: {"message":"..."}". */
  static String engineMessage(RuntimeException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    int start = message.indexOf("\"message\":\"");
    if (start >= 0) {
      int from = start + "\"message\":\"".length();
      int end = message.indexOf('"', from);
      return (end > from ? message.substring(from, end) : message.substring(from)).strip();
    }
    return message.strip();
  }

  static String rootReason(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
  }
}
