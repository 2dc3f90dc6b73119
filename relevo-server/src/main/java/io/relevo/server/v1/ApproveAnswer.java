package io.relevo.server.v1;

/**
 * The answer of {@code POST /api/v1/apps/{app}/approve}.
 *
 * @param approvals where the approvals stand, like {@code 1 of 2 approvals (bob, code-owners)}
 */
public record ApproveAnswer(String approvals) {}
