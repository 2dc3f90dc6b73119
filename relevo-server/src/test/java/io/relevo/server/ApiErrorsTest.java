package io.relevo.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.relevo.core.RelevoException;
import io.relevo.core.RelevoException.Kind;
import io.relevo.server.v1.Problem;
import org.junit.jupiter.api.Test;

class ApiErrorsTest {

  @Test
  void eachKindHasItsOwnStatus() {
    assertThat(ApiErrors.status(Kind.BAD_INPUT)).isEqualTo(400);
    assertThat(ApiErrors.status(Kind.NOT_FOUND)).isEqualTo(404);
    assertThat(ApiErrors.status(Kind.CONFLICT)).isEqualTo(409);
    assertThat(ApiErrors.status(Kind.FAILED)).isEqualTo(422);
    assertThat(ApiErrors.status(Kind.UNAVAILABLE)).isEqualTo(503);
    assertThat(ApiErrors.status(new IllegalStateException("x"))).isEqualTo(500);
  }

  @Test
  void aKindSurvivesTheTripFromServerToClient() {
    for (Kind kind : Kind.values()) {
      RelevoException sent = new RelevoException(kind, "what happened");

      RelevoException received =
          ApiErrors.toException(ApiErrors.body(sent, "test"), ApiErrors.status(sent));

      assertThat(received.kind()).isEqualTo(kind);
      assertThat(received.getMessage()).isEqualTo("what happened");
    }
  }

  @Test
  void aKindSurvivesTheTripAsProblemDetails() throws Exception {
    for (Kind kind : Kind.values()) {
      RelevoException sent = new RelevoException(kind, "what happened");
      Problem problem = ApiErrors.problem(sent, "POST /api/v1/apps/shop/deploy");

      RelevoException received =
          ApiErrors.toException(
              ApiErrors.fromAnswer(Json.mapper().writeValueAsBytes(problem)), problem.status());

      assertThat(problem.type())
          .isEqualTo("https://relevo.dev/problems/" + kind.name().toLowerCase().replace('_', '-'));
      assertThat(problem.status()).isEqualTo(ApiErrors.status(kind));
      assertThat(problem.instance()).isEqualTo("POST /api/v1/apps/shop/deploy");
      assertThat(received.kind()).isEqualTo(kind);
      assertThat(received.getMessage()).isEqualTo("what happened");
    }
  }

  @Test
  void aWrongMethodIs405AndNamesTheMethodsAllowed() {
    HttpProblem wrong =
        HttpProblem.methodNotAllowed("PUT", "/api/v1/apps/shop/backups", "GET or POST");

    Problem problem = ApiErrors.problem(wrong, "PUT /api/v1/apps/shop/backups");

    assertThat(problem.status()).isEqualTo(405);
    assertThat(problem.kind()).isEqualTo("BAD_INPUT");
    assertThat(problem.detail())
        .isEqualTo("PUT /api/v1/apps/shop/backups: method not allowed (expected: GET or POST)");
    assertThat(wrong.headers()).containsEntry("Allow", "GET, POST");
  }

  @Test
  void aBugReachesTheClientAsAFailureThatSaysItIsABug() {
    ApiError body = ApiErrors.body(new NullPointerException("x"), "GET /api/v1/apps");

    RelevoException received = ApiErrors.toException(body, 500);

    assertThat(received.kind()).isEqualTo(Kind.FAILED);
    assertThat(received.getMessage()).contains("this is a bug").contains("GET /api/v1/apps");
  }
}
