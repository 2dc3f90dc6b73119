package io.relevo.server;

/** The body of {@code POST /api/v1/apps/{app}/stop}. */
public record StopBody(String actor) {}
