package io.relevo.core.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the valid name a user most likely meant: the same name in another spelling ({@code
 * portEnv}, {@code port-env} for {@code port_env}), a name at most two edits away, or one that
 * starts with what was written ({@code start} for {@code start_period}).
 */
final class DidYouMean {

  private static final int MAX_EDITS = 2;
  private static final int MIN_PREFIX = 3;

  private DidYouMean() {}

  static Optional<String> closest(String written, Collection<String> candidates) {
    String best = null;
    int bestScore = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int score = score(written, candidate);
      if (score < bestScore) {
        best = candidate;
        bestScore = score;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Lower is closer; {@link Integer#MAX_VALUE} is "not close at all". */
  private static int score(String written, String candidate) {
    if (normalize(written).equals(normalize(candidate))) {
      return 0;
    }
    int edits = levenshtein(written.toLowerCase(Locale.ROOT), candidate);
    if (edits <= MAX_EDITS && edits < written.length()) {
      return edits;
    }
    String shorter = written.length() < candidate.length() ? written : candidate;
    String longer = shorter == written ? candidate : written;
    if (shorter.length() >= MIN_PREFIX && longer.startsWith(shorter)) {
      return MAX_EDITS + 1;
    }
    return Integer.MAX_VALUE;
  }

  private static String normalize(String name) {
    return name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
  }

  static int levenshtein(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
