package io.relevo.core.gates;

import java.util.HashMap;
import java.util.Map;

/**
 * The strength of a value in bits, estimated as its length times the Shannon entropy of its own
 * characters: 64 random hex digits give about 250, {@code aaaaaaaa} gives 0, {@code password1}
 * about 27. It measures the value, not the generator, so it errs on the high side for words.
 */
final class Entropy {

  private Entropy() {}

  static double bits(String value) {
    int length = value.codePointCount(0, value.length());
    if (length == 0) {
      return 0;
    }
    Map<Integer, Integer> counts = new HashMap<>();
    value.codePoints().forEach(c -> counts.merge(c, 1, Integer::sum));
    double perCharacter = 0;
    for (int count : counts.values()) {
      double p = (double) count / length;
      perCharacter -= p * Math.log(p) / Math.log(2);
    }
    return perCharacter * length;
  }
}
