package io.relevo.server.v1;

/**
 * The body of {@code POST /api/v1/apps/{app}/retry}.
 *
 * @param actor who asks
 */
public record RetryBody(String actor) {}
