package io.relevo.example.alojamientos;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The in-memory store: a fixed list of accommodations and the pre-reservations made since start.
 *
 * <p>One lock guards the pre-reservations, so the overlap check and the insert are atomic: two
 * concurrent requests for the same nights cannot both succeed.
 */
final class Bookings {

  /** What a reservation attempt ended in. */
  sealed interface Outcome {
    record Created(Prereservation prereservation) implements Outcome {}

    record UnknownAccommodation(long accommodationId) implements Outcome {}

    record Overlap(Prereservation existing) implements Outcome {}
  }

  private final Map<Long, Accommodation> accommodations = new TreeMap<>();
  private final List<Prereservation> prereservations = new ArrayList<>();
  private long nextId = 1;

  Bookings(List<Accommodation> seed) {
    for (Accommodation a : seed) {
      if (accommodations.putIfAbsent(a.id(), a) != null) {
        throw new IllegalArgumentException(
            "accommodation id " + a.id() + " appears twice in the seed");
      }
    }
  }

  /** The demo's four accommodations, ids 1 to 4. */
  static Bookings seeded() {
    return new Bookings(
        List.of(
            new Accommodation(1, "Casa del Mar", "Cádiz", new BigDecimal("95.00")),
            new Accommodation(2, "Loft Gran Vía", "Madrid", new BigDecimal("120.00")),
            new Accommodation(3, "Refugio Picos", "Cangas de Onís", new BigDecimal("70.00")),
            new Accommodation(4, "Ático Ramblas", "Barcelona", new BigDecimal("150.00"))));
  }

  /** All accommodations, by id. The map is fixed after construction, so no lock is needed. */
  List<Accommodation> accommodations() {
    return List.copyOf(accommodations.values());
  }

  Optional<Accommodation> accommodation(long id) {
    return Optional.ofNullable(accommodations.get(id));
  }

  /**
   * Holds the nights of {@code request} unless they overlap a pre-reservation of the same place.
   */
  synchronized Outcome reserve(PrereservationRequest request) {
    Accommodation place = accommodations.get(request.accommodationId());
    if (place == null) {
      return new Outcome.UnknownAccommodation(request.accommodationId());
    }
    for (Prereservation p : prereservations) {
      if (p.accommodationId() == place.id() && p.overlaps(request.checkIn(), request.checkOut())) {
        return new Outcome.Overlap(p);
      }
    }
    long nights = java.time.temporal.ChronoUnit.DAYS.between(request.checkIn(), request.checkOut());
    Prereservation created =
        new Prereservation(
            nextId++,
            place.id(),
            request.checkIn(),
            request.checkOut(),
            request.guest(),
            "pending",
            place.pricePerNight().multiply(BigDecimal.valueOf(nights)));
    prereservations.add(created);
    return new Outcome.Created(created);
  }

  synchronized List<Prereservation> prereservations() {
    return List.copyOf(prereservations);
  }

  /** A cheap read under the lock, timed by the health check as the "database" round trip. */
  synchronized int count() {
    return prereservations.size();
  }
}
