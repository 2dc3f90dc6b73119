package io.relevo.core.metrics;

import java.util.Arrays;
import java.util.function.LongUnaryOperator;

/**
 * A latency distribution as cumulative counts per bucket, in microseconds. Quantiles of a window
 * cannot be computed from the quantiles of two snapshots, but bucket counts subtract: the
 * distribution of a window is {@code after.minus(before)}.
 *
 * <p>Bucket {@code i} holds the samples in {@code (upperBoundsMicros[i-1], upperBoundsMicros[i]]};
 * the first bucket starts at 0 and the last bound is {@link Long#MAX_VALUE} (overflow). Sources
 * should use {@link #standard} so that any two snapshots have the same bounds.
 *
 * @param upperBoundsMicros strictly increasing, ending with {@link Long#MAX_VALUE}
 * @param counts samples per bucket, each {@code >= 0}, as many as bounds
 */
public record LatencyHistogram(long[] upperBoundsMicros, long[] counts) {

  /** 100 µs × 2^(k/4) up to 105 s, then overflow: 82 buckets, each at most 19% wide. */
  private static final long[] STANDARD_BOUNDS = standardBounds();

  public LatencyHistogram {
    if (upperBoundsMicros == null || counts == null) {
      throw new IllegalArgumentException("upperBoundsMicros and counts: null (expected: arrays)");
    }
    if (upperBoundsMicros.length == 0 || upperBoundsMicros.length != counts.length) {
      throw new IllegalArgumentException(
          "counts: "
              + counts.length
              + " buckets (expected: as many as upperBoundsMicros, "
              + upperBoundsMicros.length
              + ", and at least one)");
    }
    if (upperBoundsMicros[upperBoundsMicros.length - 1] != Long.MAX_VALUE) {
      throw new IllegalArgumentException(
          "upperBoundsMicros: last bound "
              + upperBoundsMicros[upperBoundsMicros.length - 1]
              + " (expected: Long.MAX_VALUE, the overflow bucket)");
    }
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] < 0) {
        throw new IllegalArgumentException("counts[" + i + "]: " + counts[i] + " (expected: >= 0)");
      }
      if (i > 0 && upperBoundsMicros[i] <= upperBoundsMicros[i - 1]) {
        throw new IllegalArgumentException(
            "upperBoundsMicros["
                + i
                + "]: "
                + upperBoundsMicros[i]
                + " (expected: > "
                + upperBoundsMicros[i - 1]
                + ")");
      }
    }
    upperBoundsMicros = upperBoundsMicros.clone();
    counts = counts.clone();
  }

  /** No samples, standard bounds. */
  public static LatencyHistogram empty() {
    return new LatencyHistogram(STANDARD_BOUNDS, new long[STANDARD_BOUNDS.length]);
  }

  /** The standard bucket bounds, in microseconds. */
  public static long[] standardBoundsMicros() {
    return STANDARD_BOUNDS.clone();
  }

  /**
   * A histogram on the standard bounds, filled from any source that can count its samples at or
   * below a value, e.g. HdrHistogram: {@code standard(h.getTotalCount(), v ->
   * h.getCountBetweenValues(0, Math.min(v, h.getMaxValue())))}.
   *
   * @param total all samples
   * @param countAtOrBelowMicros samples {@code <= v} microseconds, non-decreasing in {@code v}
   */
  public static LatencyHistogram standard(long total, LongUnaryOperator countAtOrBelowMicros) {
    long[] counts = new long[STANDARD_BOUNDS.length];
    long below = 0;
    for (int i = 0; i < STANDARD_BOUNDS.length - 1; i++) {
      long atOrBelow =
          Math.min(total, Math.max(below, countAtOrBelowMicros.applyAsLong(STANDARD_BOUNDS[i])));
      counts[i] = atOrBelow - below;
      below = atOrBelow;
    }
    counts[counts.length - 1] = Math.max(0, total - below);
    return new LatencyHistogram(STANDARD_BOUNDS, counts);
  }

  @Override
  public long[] upperBoundsMicros() {
    return upperBoundsMicros.clone();
  }

  @Override
  public long[] counts() {
    return counts.clone();
  }

  public long totalCount() {
    return Arrays.stream(counts).sum();
  }

  /**
   * The samples recorded after {@code earlier} was taken.
   *
   * @throws IllegalArgumentException when the bounds differ or a count went backwards (the source
   *     restarted: take a new baseline)
   */
  public LatencyHistogram minus(LatencyHistogram earlier) {
    if (!Arrays.equals(upperBoundsMicros, earlier.upperBoundsMicros)) {
      throw new IllegalArgumentException(
          "earlier: bounds differ (expected: the same bucket bounds in both snapshots)");
    }
    long[] window = new long[counts.length];
    for (int i = 0; i < counts.length; i++) {
      window[i] = counts[i] - earlier.counts[i];
      if (window[i] < 0) {
        throw new IllegalArgumentException(
            "earlier: bucket "
                + i
                + " holds "
                + earlier.counts[i]
                + " samples, more than the later "
                + counts[i]
                + " (expected: an earlier snapshot of the same source)");
      }
    }
    return new LatencyHistogram(upperBoundsMicros, window);
  }

  /**
   * Both distributions together: counts added bucket by bucket.
   *
   * @throws IllegalArgumentException when the bounds differ
   */
  public LatencyHistogram plus(LatencyHistogram other) {
    if (!Arrays.equals(upperBoundsMicros, other.upperBoundsMicros)) {
      throw new IllegalArgumentException(
          "other: bounds differ (expected: the same bucket bounds in both histograms)");
    }
    long[] sum = new long[counts.length];
    for (int i = 0; i < counts.length; i++) {
      sum[i] = counts[i] + other.counts[i];
    }
    return new LatencyHistogram(upperBoundsMicros, sum);
  }

  /**
   * The {@code q} quantile in microseconds, interpolated linearly inside its bucket; 0 without
   * samples. A quantile in the overflow bucket reports that bucket's lower bound.
   */
  public double quantileMicros(double q) {
    if (!(q >= 0 && q <= 1)) {
      throw new IllegalArgumentException("q: " + q + " (expected: 0..1)");
    }
    long total = totalCount();
    if (total == 0) {
      return 0;
    }
    double rank = q * total;
    long seen = 0;
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0 && seen + counts[i] >= rank) {
        double lower = i == 0 ? 0 : upperBoundsMicros[i - 1];
        if (upperBoundsMicros[i] == Long.MAX_VALUE) {
          return lower;
        }
        return lower + (upperBoundsMicros[i] - lower) * Math.max(0, rank - seen) / counts[i];
      }
      seen += counts[i];
    }
    return upperBoundsMicros[upperBoundsMicros.length - 2];
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof LatencyHistogram h
        && Arrays.equals(upperBoundsMicros, h.upperBoundsMicros)
        && Arrays.equals(counts, h.counts);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(upperBoundsMicros) + Arrays.hashCode(counts);
  }

  @Override
  public String toString() {
    return "LatencyHistogram[" + counts.length + " buckets, " + totalCount() + " samples]";
  }

  private static long[] standardBounds() {
    long[] bounds = new long[82];
    for (int k = 0; k < 81; k++) {
      bounds[k] = Math.round(100 * Math.pow(2, k / 4.0));
    }
    bounds[81] = Long.MAX_VALUE;
    return bounds;
  }
}
