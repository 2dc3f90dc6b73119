package io.relevo.cli;

import io.relevo.server.v1.RevisionView;
import io.relevo.server.v1.SplitView;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the CLI writes times, durations, revisions and splits for people. */
final class Formats {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

  private Formats() {}

  /** {@code 2026-11-24 10:15:30} in the local zone; {@code -} for null. */
  static String time(Instant at) {
    return at == null ? "-" : TIME.format(at);
  }

  /** {@code 850ms}, {@code 4.2s}, {@code 3m05s}, {@code 1h02m}; {@code -} for null. */
  static String duration(Duration d) {
    if (d == null) {
      return "-";
    }
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + "ms";
    }
    if (ms < 60_000) {
      return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
    }
    long s = d.toSeconds();
    if (s < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
  }

  static String revision(RevisionView revision) {
    return revision == null ? "-" : revision.label();
  }

  /** {@code 3:100%} or {@code 3:90% 4:10%}; {@code none} when no revision serves. */
  static String split(SplitView split) {
    if (split == null || split.backends().isEmpty()) {
      return "none";
    }
    return split.backends().stream()
        .map(b -> b.revision() + ":" + b.weight() + "%")
        .collect(Collectors.joining(" "));
  }

  static String lower(Enum<?> value) {
    return value == null ? "-" : value.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  /** The first line of a possibly multi-line text; {@code -} for null or empty. */
  static String firstLine(String text) {
    if (text == null || text.isBlank()) {
      return "-";
    }
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
