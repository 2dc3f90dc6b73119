package io.relevo.core.runtime;

/** A host and port a revision serves on. */
public record Endpoint(String host, int port) {

  @Override
  public String toString() {
    return host + ":" + port;
  }
}
