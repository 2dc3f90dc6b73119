package io.relevo.server.v1;

/**
 * The answer to {@code GET /api/v1/whoami}.
 *
 * @param name the token's name; {@code local} for the state dir's token
 * @param role viewer, deployer, approver or admin
 */
public record WhoAmI(String name, String role) {}
