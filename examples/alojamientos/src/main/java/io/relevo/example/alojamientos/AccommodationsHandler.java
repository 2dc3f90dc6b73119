package io.relevo.example.alojamientos;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;

/** {@code GET /api/v1/accommodations}: the JSON list of all accommodations. */
final class AccommodationsHandler implements HttpHandler {
  private final Bookings bookings;

  AccommodationsHandler(Bookings bookings) {
    this.bookings = bookings;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    Responses.json(
        exchange, 200, bookings.accommodations().stream().map(Accommodation::toJson).toList());
  }
}
