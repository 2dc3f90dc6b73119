package io.relevo.core.runtime;

/**
 * What is stored of a running instance so that a restarted agent can find it again.
 *
 * @param id the runtime's id: a pid for processes, a container id for Docker
 * @param host where it listens
 * @param port where it listens
 * @param startedAt epoch millis of the start, to tell a reused pid from the original process
 */
public record InstanceRecord(String id, String host, int port, long startedAt) {}
