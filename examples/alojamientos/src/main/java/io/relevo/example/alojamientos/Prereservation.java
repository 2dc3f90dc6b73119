package io.relevo.example.alojamientos;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A held booking waiting for payment; it blocks its nights {@code [checkIn, checkOut)} for others.
 *
 * @param status always {@code pending} in this demo
 */
record Prereservation(
    long id,
    long accommodationId,
    LocalDate checkIn,
    LocalDate checkOut,
    String guest,
    String status,
    BigDecimal totalPrice) {

  Prereservation {
    if (!checkOut.isAfter(checkIn)) {
      throw new IllegalArgumentException(
          "checkOut: " + checkOut + " (expected: after checkIn " + checkIn + ")");
    }
  }

  /**
   * Whether the two stays share at least one night; a check-out day may be the next check-in day.
   */
  boolean overlaps(LocalDate otherIn, LocalDate otherOut) {
    return checkIn.isBefore(otherOut) && otherIn.isBefore(checkOut);
  }

  long nights() {
    return ChronoUnit.DAYS.between(checkIn, checkOut);
  }

  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", id);
    json.put("accommodation_id", accommodationId);
    json.put("check_in", checkIn.toString());
    json.put("check_out", checkOut.toString());
    json.put("guest", guest);
    json.put("status", status);
    json.put("nights", nights());
    json.put("total_price", totalPrice);
    return json;
  }
}
