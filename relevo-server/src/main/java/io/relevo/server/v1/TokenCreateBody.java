package io.relevo.server.v1;

/**
 * The body of {@code POST /api/v1/tokens}.
 *
 * @param name the new token's name, {@code [a-z0-9][a-z0-9-]{0,39}}
 * @param role viewer, deployer, approver or admin
 * @param expires how long it works, like {@code 30d}, {@code 12h} or {@code 90m}; null for ever
 */
public record TokenCreateBody(String name, String role, String expires) {}
