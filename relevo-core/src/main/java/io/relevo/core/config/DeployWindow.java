package io.relevo.core.config;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * {@code gates.window}: when deploys may start. Rollbacks are never held back by it.
 *
 * @param days the days deploys may start on, in {@code zone}; default every day
 * @param opens the time of day the window opens (inclusive); default 00:00
 * @param closes the time of day it closes (exclusive), after {@code opens}; null = end of the day
 * @param zone the zone days and hours are read in; default UTC
 * @param freezes date ranges when no deploy may start, whatever the day and hour
 */
public record DeployWindow(
    Set<DayOfWeek> days, LocalTime opens, LocalTime closes, ZoneId zone, List<Freeze> freezes) {

  public DeployWindow {
    days = days == null || days.isEmpty() ? EnumSet.allOf(DayOfWeek.class) : EnumSet.copyOf(days);
    opens = opens == null ? LocalTime.MIDNIGHT : opens;
    zone = zone == null ? ZoneId.of("UTC") : zone;
    freezes = freezes == null ? List.of() : List.copyOf(freezes);
    if (closes != null && !closes.isAfter(opens)) {
      throw new IllegalArgumentException(
          "closes: " + closes + " (expected: after opens, " + opens + ")");
    }
    Objects.requireNonNull(zone, "zone");
  }
}
