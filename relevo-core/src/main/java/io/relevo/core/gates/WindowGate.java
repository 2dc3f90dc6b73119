package io.relevo.core.gates;

import io.relevo.core.config.DeployWindow;
import io.relevo.core.config.Freeze;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code gates.window}: a deploy starts only on the window's days, between its hours, outside every
 * freeze, all read in its zone. A refusal says when the window opens next. It can be overridden
 * ({@code --override-window --reason}); rollbacks never pass through gates at all.
 */
final class WindowGate implements Gate {

  /** How far ahead the next open time is looked for: a freeze longer than this never opens. */
  private static final int DAYS_AHEAD = 800;

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", Locale.ROOT);

  private final DeployWindow window;

  WindowGate(DeployWindow window) {
    this.window = window;
  }

  @Override
  public String name() {
    return "window";
  }

  @Override
  public boolean overridable() {
    return true;
  }

  @Override
  public GateResult check(GateInput input) {
    ZonedDateTime now = input.now().atZone(window.zone());
    Optional<Freeze> freeze = freezeOn(now.toLocalDate());
    String next =
        nextOpen(input.now())
            .map(t -> "; opens next " + format(t))
            .orElse("; it does not open in the next " + DAYS_AHEAD + " days");
    if (freeze.isPresent()) {
      Freeze f = freeze.get();
      return GateResult.failed(
          name(),
          "change freeze " + f.from() + " to " + f.to() + ": " + f.reason() + next,
          List.of(),
          input.now());
    }
    if (isOpenAt(now)) {
      return GateResult.passed(name(), "open (" + describe() + ")", input.now());
    }
    return GateResult.failed(
        name(),
        "closed at " + format(now) + " (open " + describe() + ")" + next,
        List.of(),
        input.now());
  }

  /** The first instant at or after {@code from} when a deploy may start, if any within reach. */
  Optional<ZonedDateTime> nextOpen(Instant from) {
    ZonedDateTime now = from.atZone(window.zone());
    LocalDate day = now.toLocalDate();
    for (int i = 0; i <= DAYS_AHEAD; i++, day = day.plusDays(1)) {
      if (!window.days().contains(day.getDayOfWeek()) || freezeOn(day).isPresent()) {
        continue;
      }
      ZonedDateTime opens = day.atTime(window.opens()).atZone(window.zone());
      ZonedDateTime candidate = opens.isBefore(now) ? now : opens;
      if (isOpenAt(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private boolean isOpenAt(ZonedDateTime at) {
    LocalTime time = at.toLocalTime();
    return window.days().contains(at.getDayOfWeek())
        && freezeOn(at.toLocalDate()).isEmpty()
        && !time.isBefore(window.opens())
        && (window.closes() == null || time.isBefore(window.closes()));
  }

  private Optional<Freeze> freezeOn(LocalDate day) {
    return window.freezes().stream().filter(f -> f.covers(day)).findFirst();
  }

  private String describe() {
    String days =
        window.days().size() == 7
            ? "every day"
            : window.days().stream()
                .map(d -> d.getDisplayName(TextStyle.SHORT, Locale.ROOT))
                .collect(Collectors.joining(","));
    String closes = window.closes() == null ? "24:00" : window.closes().toString();
    return days + " " + window.opens() + "-" + closes + " " + window.zone();
  }

  private String format(ZonedDateTime at) {
    return WHEN.format(at) + " " + window.zone() + " (" + at.toInstant() + ")";
  }
}
