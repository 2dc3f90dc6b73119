package io.relevo.server.v1;

import io.relevo.core.runtime.InstanceRecord;

/**
 * Where a revision runs: the runtime's id for it, its address, and when it started (epoch millis).
 */
public record InstanceView(String id, String host, int port, long startedAt) {

  public static InstanceView of(InstanceRecord instance) {
    return instance == null
        ? null
        : new InstanceView(instance.id(), instance.host(), instance.port(), instance.startedAt());
  }
}
