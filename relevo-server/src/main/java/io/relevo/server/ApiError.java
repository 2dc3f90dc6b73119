package io.relevo.server;

/**
 * The body of every error answer of the API, and of the {@code error} line of a rollout stream.
 *
 * @param kind a {@link io.relevo.core.RelevoException.Kind} name, or {@code BUG} for an unexpected
 *     failure of the agent
 * @param message what went wrong, for people
 */
public record ApiError(String kind, String message) {}
