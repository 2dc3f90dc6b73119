package io.relevo.core.database;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A verified dump.
 *
 * @param sizeBytes the file's size, above zero
 * @param sha256 the file's SHA-256, 64 hex digits
 * @param tables the tables the dump holds, equal to the live schema's count when it was taken
 */
public record DumpResult(long sizeBytes, String sha256, int tables) {

  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  public DumpResult {
    Objects.requireNonNull(sha256, "sha256");
    if (sizeBytes <= 0) {
      throw new IllegalArgumentException("sizeBytes: " + sizeBytes + " (expected: > 0)");
    }
    if (!SHA256.matcher(sha256).matches()) {
      throw new IllegalArgumentException("sha256: " + sha256 + " (expected: 64 hex digits)");
    }
    if (tables < 0) {
      throw new IllegalArgumentException("tables: " + tables + " (expected: >= 0)");
    }
  }
}
