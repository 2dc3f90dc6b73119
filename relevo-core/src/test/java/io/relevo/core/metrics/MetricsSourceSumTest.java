package io.relevo.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MetricsSourceSumTest {

  private static RevisionStats requests(long n) {
    return new RevisionStats(n, n, 0, 0, 0, 0, 0, LatencySnapshot.empty(), null);
  }

  @Test
  void theSumReadsBothSourcesForTheSameRevision() {
    MetricsSource users = (app, revision) -> requests(revision == 2 ? 100 : 1);
    MetricsSource synthetic = (app, revision) -> requests(app.equals("shop") ? 20 : 0);

    MetricsSource sum = MetricsSource.sum(users, synthetic);

    assertThat(sum.snapshot("shop", 2).requests()).isEqualTo(120);
    assertThat(sum.snapshot("shop", 1).requests()).isEqualTo(21);
    assertThat(sum.snapshot("blog", 2).requests()).isEqualTo(100);
  }

  @Test
  void aFailingSourceFailsTheSnapshot() {
    MetricsSource broken =
        (app, revision) -> {
          throw new IllegalStateException("proxy gone");
        };

    assertThatThrownBy(() -> MetricsSource.sum((a, r) -> requests(1), broken).snapshot("shop", 1))
        .hasMessage("proxy gone");
  }

  @Test
  void bothSourcesAreRequired() {
    assertThatThrownBy(() -> MetricsSource.sum(null, (a, r) -> requests(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("a, b: null, ");
  }
}
