package io.relevo.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.relevo.core.routing.TrafficSplit;
import io.relevo.core.routing.TrafficSplit.Backend;
import io.relevo.core.runtime.Endpoint;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WeightedSplitTest {

  private static final Endpoint A = new Endpoint("127.0.0.1", 1001);
  private static final Endpoint B = new Endpoint("127.0.0.1", 1002);
  private static final Endpoint C = new Endpoint("127.0.0.1", 1003);

  @Test
  void everyHundredPicksGiveEachRevisionExactlyItsWeight() {
    WeightedSplit split = split(new Backend(1, A, 7), new Backend(2, B, 60), new Backend(3, C, 33));

    Map<Integer, Integer> counts = pick(split, 10_000);

    assertThat(counts).containsEntry(1, 700).containsEntry(2, 6_000).containsEntry(3, 3_300);
  }

  @Test
  void picksAreSpreadThroughTheCycleNotBunched() {
    WeightedSplit split = split(new Backend(1, A, 10), new Backend(2, B, 90));

    // Within any ten consecutive picks, revision 1 appears exactly once.
    for (int window = 0; window < 20; window++) {
      assertThat(pick(split, 10)).containsEntry(1, 1).containsEntry(2, 9);
    }
  }

  @Test
  void aWeightZeroRevisionIsPickedOnlyWhenNamed() {
    WeightedSplit split = split(new Backend(1, A, 0), new Backend(2, B, 100));

    assertThat(pick(split, 1_000)).containsOnlyKeys(2);
    assertThat(split.pick(1, -1).revision()).isEqualTo(1);
  }

  @Test
  void aStickyRevisionIsHonouredOnlyWhileItHasWeight() {
    WeightedSplit split = split(new Backend(1, A, 0), new Backend(2, B, 50), new Backend(3, C, 50));

    assertThat(split.pick(-1, 3).revision()).isEqualTo(3);
    assertThat(split.pick(-1, 1).revision()).isNotEqualTo(1);
    assertThat(split.pick(-1, 9).revision()).isIn(2, 3);
  }

  @Test
  void anEmptySplitPicksNothing() {
    assertThat(WeightedSplit.of(TrafficSplit.none(), RevisionState::new).pick(1, 1)).isNull();
    assertThat(WeightedSplit.empty().stable()).isNull();
  }

  @Test
  void theStableRevisionIsTheFirstBackendWhateverItsNumberOrWeight() {
    assertThat(split(new Backend(8, A, 0), new Backend(5, B, 100)).stable().revision())
        .isEqualTo(8);
    assertThat(split(new Backend(3, A, 100)).stable().revision()).isEqualTo(3);
  }

  @Test
  void onlyARevisionHeaderThatNamesABackendPinsTheRequest() {
    WeightedSplit split = split(new Backend(4, A, 90), new Backend(7, B, 10));

    assertThat(split.pinned(7).revision()).isEqualTo(7);
    assertThat(split.pinned(OverridePolicy.CANARY).revision()).isEqualTo(7);
    assertThat(split.pinned(OverridePolicy.STABLE).revision()).isEqualTo(4);
    assertThat(split.pinned(9)).isNull();
    assertThat(split.pinned(-1)).isNull();
  }

  private static WeightedSplit split(Backend... backends) {
    return WeightedSplit.of(new TrafficSplit(List.of(backends)), RevisionState::new);
  }

  private static Map<Integer, Integer> pick(WeightedSplit split, int times) {
    Map<Integer, Integer> counts = new HashMap<>();
    for (int i = 0; i < times; i++) {
      counts.merge(split.pick(-1, -1).revision(), 1, Integer::sum);
    }
    return counts;
  }
}
