package io.relevo.example.alojamientos;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;

/**
 * {@code POST /api/v1/prereservations}: 201 with the pending pre-reservation, 400 on bad input, 404
 * for an unknown accommodation, 409 when the nights overlap another pre-reservation. {@code GET}
 * lists the pre-reservations made since start.
 */
final class PrereservationsHandler {
  private final Bookings bookings;

  PrereservationsHandler(Bookings bookings) {
    this.bookings = bookings;
  }

  HttpHandler create() {
    return this::create;
  }

  HttpHandler list() {
    return exchange ->
        Responses.json(
            exchange,
            200,
            bookings.prereservations().stream().map(Prereservation::toJson).toList());
  }

  private void create(HttpExchange exchange) throws IOException {
    PrereservationRequest request = PrereservationRequest.parse(Responses.body(exchange));
    switch (bookings.reserve(request)) {
      case Bookings.Outcome.Created(Prereservation p) -> {
        exchange.getResponseHeaders().set("Location", "/api/v1/prereservations/" + p.id());
        Responses.json(exchange, 201, p.toJson());
      }
      case Bookings.Outcome.UnknownAccommodation(long id) ->
          Responses.error(
              exchange,
              404,
              "accommodation_id: "
                  + id
                  + " (expected: the id of an accommodation listed by GET /api/v1/accommodations)");
      case Bookings.Outcome.Overlap(Prereservation existing) ->
          Responses.error(
              exchange,
              409,
              "accommodation "
                  + existing.accommodationId()
                  + " is already held from "
                  + existing.checkIn()
                  + " to "
                  + existing.checkOut()
                  + " by pre-reservation "
                  + existing.id()
                  + "; asked "
                  + request.checkIn()
                  + " to "
                  + request.checkOut());
    }
  }
}
