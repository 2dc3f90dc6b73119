package io.relevo.core.health;

import java.time.Duration;

/**
 * @param name the check's name
 * @param passed whether every expectation held
 * @param detail what was seen, and for a failure which expectation broke: {@code GET
 *     /api/v1/healthz: status 500 (expected: 200)}
 * @param took the response time
 */
public record SmokeResult(String name, boolean passed, String detail, Duration took) {}
