package io.relevo.bench;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Medians over the alternating rounds, so that one disturbed round does not move the result. */
final class Medians {

  private Medians() {}

  static <T> double of(List<T> runs, ToDoubleFunction<T> value) {
    double[] values = runs.stream().mapToDouble(value).sorted().toArray();
    if (values.length == 0) {
      return Double.NaN;
    }
    int mid = values.length / 2;
    return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
  }

  static <T> String spread(List<T> runs, ToDoubleFunction<T> value) {
    return Arrays.toString(runs.stream().mapToDouble(value).mapToLong(Math::round).toArray());
  }
}
