package io.relevo.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.relevo.bench.RollbackSpeedResults.CanaryRun;
import io.relevo.bench.RollbackSpeedResults.Ending;
import java.util.List;
import org.junit.jupiter.api.Test;

class RollbackReportTest {

  private static final CanaryKind BAD = CanaryKind.ALL.get(0);
  private static final CanaryKind GOOD = CanaryKind.ALL.get(2);

  @Test
  void oneRunShowsItsValueAndSeveralTheirMedianAndRange() {
    List<Double> one = List.of(20.04);
    List<Double> three = List.of(20.2, 19.8, 20.0);

    assertThat(RollbackReport.medianAndRange(one, d -> d, "%.1f", 1)).isEqualTo("20.0");
    assertThat(RollbackReport.medianAndRange(three, d -> d, "%.1f", 1))
        .isEqualTo("20.0 [19.8–20.2]");
  }

  @Test
  void aRolledBackGoodCanaryIsAFalseRollbackAndNotAsExpected() {
    CanaryRun run = run(GOOD, Ending.ROLLED_BACK);

    assertThat(run.asExpected()).isFalse();
    assertThat(run.result(120)).isEqualTo("FALSE ROLLBACK");
  }

  @Test
  void aBadCanaryLeftUndecidedSaysItWasNotRolledBackWithinTheBound() {
    CanaryRun run = run(BAD, Ending.UNDECIDED);

    assertThat(run.asExpected()).isFalse();
    assertThat(run.result(120)).isEqualTo("NOT ROLLED BACK within 120 s");
  }

  @Test
  void theFailedShareIsOfTheRequestsSentWhileExposed() {
    assertThat(run(BAD, Ending.ROLLED_BACK).failedShare()).isEqualTo(0.1);
  }

  private static CanaryRun run(CanaryKind kind, Ending ending) {
    return new CanaryRun(
        kind, 1, kind.canaryVersion(1), ending, 20.0, 2000, 200, 200, -50, "", List.of());
  }
}
