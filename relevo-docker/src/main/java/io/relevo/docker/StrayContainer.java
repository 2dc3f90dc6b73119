package io.relevo.docker;

/**
 * A running container labelled with an app's name that belongs to no revision the agent recorded:
 * reported to the user, never stopped by relevo on its own.
 *
 * @param id the container id
 * @param name the container's name, without Docker's leading slash
 * @param revision its {@code io.relevo.revision} label, or null
 * @param version its {@code io.relevo.version} label, or null
 */
public record StrayContainer(String id, String name, String revision, String version) {}
