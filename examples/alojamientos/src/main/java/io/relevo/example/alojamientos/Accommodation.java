package io.relevo.example.alojamientos;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A place that can be booked.
 *
 * @param id positive, unique in the store
 * @param pricePerNight in euros, > 0
 */
record Accommodation(long id, String name, String city, BigDecimal pricePerNight) {

  Accommodation {
    if (id <= 0) throw new IllegalArgumentException("id: " + id + " (expected: > 0)");
    if (name == null || name.isBlank())
      throw new IllegalArgumentException("name: '" + name + "' (expected: non-blank)");
    if (city == null || city.isBlank())
      throw new IllegalArgumentException("city: '" + city + "' (expected: non-blank)");
    if (pricePerNight == null || pricePerNight.signum() <= 0) {
      throw new IllegalArgumentException("pricePerNight: " + pricePerNight + " (expected: > 0)");
    }
  }

  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", id);
    json.put("name", name);
    json.put("city", city);
    json.put("price_per_night", pricePerNight);
    json.put("currency", "EUR");
    return json;
  }
}
