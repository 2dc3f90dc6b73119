package io.relevo.example.alojamientos;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BookingApiTest {
  private App app;
  private TestClient client;

  @BeforeEach
  void start() throws Exception {
    app = Main.start(Behaviour.healthy("v1"), 0);
    client = new TestClient(app.port());
  }

  @AfterEach
  void stop() {
    app.close();
  }

  private static String body(long id, String in, String out, String guest) {
    return "{\"accommodation_id\": "
        + id
        + ", \"check_in\": \""
        + in
        + "\", \"check_out\": \""
        + out
        + "\", \"guest\": \""
        + guest
        + "\"}";
  }

  @Test
  void listsTheSeededAccommodationsWithIdNameCityAndPrice() {
    HttpResponse<String> response = client.get("/api/v1/accommodations");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    List<?> list = (List<?>) Json.parse(response.body());
    assertThat(list).hasSize(4);
    assertThat(((Map<?, ?>) list.getFirst()).keySet().stream().map(String::valueOf).toList())
        .contains("id", "name", "city", "price_per_night");
  }

  @Test
  void createsAPendingPrereservationWithItsPrice() {
    HttpResponse<String> response =
        client.post("/api/v1/prereservations", body(1, "2026-07-01", "2026-07-04", "Ana"));

    assertThat(response.statusCode()).isEqualTo(201);
    Map<?, ?> created = (Map<?, ?>) Json.parse(response.body());
    assertThat(created.get("status")).isEqualTo("pending");
    assertThat(created.get("id")).isNotNull();
    assertThat(created.get("total_price").toString()).isEqualTo("285.00");
    assertThat(response.headers().firstValue("Location"))
        .hasValue("/api/v1/prereservations/" + created.get("id"));
  }

  @Test
  void overlappingNightsOfTheSameAccommodationAreAConflict() {
    client.post("/api/v1/prereservations", body(2, "2026-07-01", "2026-07-04", "Ana"));

    HttpResponse<String> overlap =
        client.post("/api/v1/prereservations", body(2, "2026-07-03", "2026-07-06", "Bo"));
    HttpResponse<String> sameDayTurnover =
        client.post("/api/v1/prereservations", body(2, "2026-07-04", "2026-07-06", "Cy"));
    HttpResponse<String> otherPlace =
        client.post("/api/v1/prereservations", body(3, "2026-07-01", "2026-07-04", "Di"));

    assertThat(overlap.statusCode()).isEqualTo(409);
    assertThat(overlap.body()).contains("already held from 2026-07-01 to 2026-07-04");
    assertThat(sameDayTurnover.statusCode()).isEqualTo(201);
    assertThat(otherPlace.statusCode()).isEqualTo(201);
  }

  @Test
  void concurrentRequestsForTheSameNightsLetExactlyOneThrough() throws Exception {
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Integer>> statuses =
          IntStream.range(0, 20)
              .mapToObj(
                  i ->
                      pool.submit(
                          () ->
                              client
                                  .post(
                                      "/api/v1/prereservations",
                                      body(4, "2026-08-01", "2026-08-03", "g" + i))
                                  .statusCode()))
              .toList();
      List<Integer> codes =
          statuses.stream()
              .map(
                  f -> {
                    try {
                      return f.get();
                    } catch (Exception e) {
                      throw new AssertionError(e);
                    }
                  })
              .toList();
      assertThat(codes).containsOnly(201, 409).filteredOn(c -> c == 201).hasSize(1);
    }
  }

  @Test
  void badInputIsA400ThatNamesTheFieldAndWhatWasExpected() {
    assertThat(client.post("/api/v1/prereservations", body(1, "2026-07-04", "2026-07-01", "Ana")))
        .satisfies(r -> assertThat(r.statusCode()).isEqualTo(400))
        .satisfies(
            r ->
                assertThat(r.body())
                    .contains("check_out: 2026-07-01 (expected: after check_in 2026-07-04)"));
    assertThat(
            client.post("/api/v1/prereservations", body(1, "July 1st", "2026-07-04", "Ana")).body())
        .contains("check_in: \\\"July 1st\\\" (expected: a date as YYYY-MM-DD)");
    assertThat(
            client.post("/api/v1/prereservations", body(1, "2026-07-01", "2026-07-04", " ")).body())
        .contains("guest");
    assertThat(client.post("/api/v1/prereservations", "{\"accommodation_id\": 1,").statusCode())
        .isEqualTo(400);
    assertThat(client.post("/api/v1/prereservations", "[1, 2]").body())
        .contains("expected: a JSON object");
  }

  @Test
  void anUnknownAccommodationIsA404() {
    HttpResponse<String> response =
        client.post("/api/v1/prereservations", body(99, "2026-07-01", "2026-07-04", "Ana"));

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).contains("accommodation_id: 99");
  }

  @Test
  void unknownPathsAre404AndWrongMethods405() {
    assertThat(client.get("/api/v1/nope").statusCode()).isEqualTo(404);
    assertThat(client.post("/api/v1/accommodations", "{}").statusCode()).isEqualTo(405);
  }
}
