package io.relevo.example.alojamientos;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** A validated request body of {@code POST /api/v1/prereservations}. */
record PrereservationRequest(
    long accommodationId, LocalDate checkIn, LocalDate checkOut, String guest) {

  /** Longest stay accepted, in nights. */
  static final int MAX_NIGHTS = 90;

  /**
   * Reads {@code {"accommodation_id": 1, "check_in": "2026-07-01", "check_out": "2026-07-04",
   * "guest": "Ana"}}.
   *
   * @throws BadRequest naming the field, its value and what was expected
   */
  static PrereservationRequest parse(String body) {
    Object json;
    try {
      json = Json.parse(body);
    } catch (IllegalArgumentException e) {
      throw new BadRequest("body: " + e.getMessage());
    }
    if (!(json instanceof Map<?, ?> map)) {
      throw new BadRequest("body: " + Json.write(json) + " (expected: a JSON object)");
    }
    long id = accommodationId(map.get("accommodation_id"));
    LocalDate in = date(map, "check_in");
    LocalDate out = date(map, "check_out");
    if (!out.isAfter(in)) {
      throw new BadRequest("check_out: " + out + " (expected: after check_in " + in + ")");
    }
    if (in.plusDays(MAX_NIGHTS).isBefore(out)) {
      throw new BadRequest(
          "check_out: "
              + out
              + " (expected: at most "
              + MAX_NIGHTS
              + " nights after check_in "
              + in
              + ")");
    }
    Object guest = map.get("guest");
    if (!(guest instanceof String name) || name.isBlank()) {
      throw new BadRequest("guest: " + Json.write(guest) + " (expected: a non-blank name)");
    }
    return new PrereservationRequest(id, in, out, name.strip());
  }

  private static long accommodationId(Object value) {
    if (value instanceof BigDecimal n) {
      try {
        long id = n.longValueExact();
        if (id > 0) return id;
      } catch (ArithmeticException e) {
        // not a whole number: fall through
      }
    }
    throw new BadRequest(
        "accommodation_id: " + Json.write(value) + " (expected: a positive integer)");
  }

  private static LocalDate date(Map<?, ?> map, String field) {
    Object value = map.get(field);
    if (value instanceof String s) {
      try {
        return LocalDate.parse(s);
      } catch (DateTimeParseException e) {
        // fall through
      }
    }
    throw new BadRequest(field + ": " + Json.write(value) + " (expected: a date as YYYY-MM-DD)");
  }
}
