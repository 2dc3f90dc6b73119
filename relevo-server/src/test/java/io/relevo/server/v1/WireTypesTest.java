package io.relevo.server.v1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.relevo.core.engine.AppStatus;
import io.relevo.core.engine.RolloutProgress;
import io.relevo.core.gates.GateReport;
import io.relevo.core.gates.GateResult;
import io.relevo.core.history.RevisionVerdict;
import io.relevo.core.routing.TrafficSplit;
import io.relevo.core.runtime.Endpoint;
import io.relevo.core.runtime.InstanceRecord;
import io.relevo.core.store.Revision;
import io.relevo.core.store.RolloutEvent;
import io.relevo.core.store.RolloutRecord;
import io.relevo.server.AgentClient;
import io.relevo.server.Json;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The API's wire types stand apart from the engine's records, yet write exactly the JSON the
 * engine's records wrote before them: the CLI, the dashboard and users' scripts read those names.
 */
class WireTypesTest {

  private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

  @Test
  void noWireTypeCarriesAnEngineType() {
    List<String> leaks = new ArrayList<>();
    for (JavaClass javaClass :
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.relevo.server.v1")) {
      Class<?> type = javaClass.reflect();
      if (type.isRecord()) {
        for (RecordComponent component : type.getRecordComponents()) {
          engineTypesIn(component.getGenericType())
              .forEach(t -> leaks.add(type.getSimpleName() + "." + component.getName() + ": " + t));
        }
      }
    }
    assertThat(leaks).as("record components typed by io.relevo.core").isEmpty();
  }

  @Test
  void theClientOfTheApiHandsOutOnlyWireTypes() {
    List<String> leaks = new ArrayList<>();
    for (Method method : AgentClient.class.getMethods()) {
      Stream.concat(
              Stream.of(method.getGenericReturnType()),
              Arrays.stream(method.getGenericParameterTypes()))
          .flatMap(WireTypesTest::engineTypesIn)
          .forEach(t -> leaks.add(method.getName() + ": " + t));
    }
    assertThat(leaks).as("AgentClient methods typed by io.relevo.core").isEmpty();
  }

  static Stream<Arguments> enumPairs() {
    return Stream.of(
        Arguments.of(RolloutKind.class, RolloutRecord.Kind.class),
        Arguments.of(RolloutOutcome.class, RolloutRecord.Outcome.class),
        Arguments.of(EventStatus.class, RolloutEvent.Status.class),
        Arguments.of(RevisionState.class, Revision.State.class),
        Arguments.of(VerdictMark.class, RevisionVerdict.Mark.class),
        Arguments.of(GateStatus.class, GateResult.Status.class));
  }

  @ParameterizedTest
  @MethodSource("enumPairs")
  void everyWireEnumNamesTheEngineEnumsConstants(Class<?> wire, Class<?> engine) {
    assertThat(names(wire)).isEqualTo(names(engine));
  }

  @Test
  void anAppViewWritesTheJsonTheEngineStatusWrote() {
    Revision stable =
        new Revision(
            "shop",
            3,
            "v2",
            "abc",
            "app: shop\n",
            "/srv/shop/relevo.yml",
            Revision.State.SERVING,
            new InstanceRecord("4242", "127.0.0.1", 41000, 17),
            T0,
            T0.plusSeconds(600),
            0);
    AppStatus status =
        new AppStatus(
            "shop",
            "production",
            "127.0.0.1:8080",
            stable,
            List.of(stable, stable.withState(Revision.State.CANARY)),
            new TrafficSplit(
                List.of(
                    new TrafficSplit.Backend(3, new Endpoint("127.0.0.1", 41000), 90),
                    new TrafficSplit.Backend(4, new Endpoint("127.0.0.1", 41001), 10)),
                true),
            rollout(),
            new RolloutProgress(2, 5, "pause 30s", 10, true, List.of("error_rate 0.1%")),
            List.of("revision 3 fails its liveness check"),
            new AppStatus.Watch(3, "v2", 2, T0, "4m12s", "PASS error_rate"));

    assertSameJson(status, AppView.of(status));
  }

  @Test
  void aRolloutViewWritesTheJsonTheEngineRecordWrote() {
    assertSameJson(rollout(), RolloutView.of(rollout()));
  }

  @Test
  void aVerdictAndAGateReportWriteTheJsonTheEngineWrote() {
    RevisionVerdict verdict =
        new RevisionVerdict(3, "v2", Revision.State.WARM, RevisionVerdict.Mark.BAD, "rolled back");
    GateReport report =
        new GateReport(
            List.of(
                new GateResult("window", GateResult.Status.PASSED, "inside", List.of(), null, T0),
                new GateResult(
                    "secrets",
                    GateResult.Status.OVERRIDDEN,
                    "weak",
                    List.of("DB_PASSWORD: 6 chars"),
                    "ana",
                    T0)));

    assertSameJson(verdict, VerdictView.of(verdict));
    assertSameJson(report, GateReportView.of(report));
    assertThat(GateReportView.of(report).passed()).isEqualTo(report.passed());
  }

  @Test
  void wireTypesReadBackWhatTheyWrite() throws Exception {
    RolloutView view = RolloutView.of(rollout());
    String json = Json.mapper().writeValueAsString(view);

    assertThat(Json.mapper().readValue(json, RolloutView.class)).isEqualTo(view);
  }

  private static RolloutRecord rollout() {
    return new RolloutRecord(
        8,
        "shop",
        RolloutRecord.Kind.DEPLOY,
        2,
        3,
        "canary",
        "ana",
        "fix #12",
        T0,
        T0.plusSeconds(90),
        RolloutRecord.Outcome.ROLLED_BACK,
        "error rate 7.2% vs stable 0.4%",
        List.of(
            new RolloutEvent(T0, "start", RolloutEvent.Status.STARTED, "starting v2", null),
            new RolloutEvent(
                T0.plusSeconds(2),
                "ready",
                RolloutEvent.Status.OK,
                "ready",
                Duration.ofMillis(1500))));
  }

  private static void assertSameJson(Object engine, Object wire) {
    JsonNode expected = Json.mapper().valueToTree(engine);
    JsonNode actual = Json.mapper().valueToTree(wire);
    assertThat(actual).as(wire.getClass().getSimpleName()).isEqualTo(expected);
    assertThat(expected.toString()).doesNotContain("null,null,null"); // the sample is filled in
  }

  private static List<String> names(Class<?> enumType) {
    return Arrays.stream(enumType.getEnumConstants()).map(e -> ((Enum<?>) e).name()).toList();
  }

  private static Stream<String> engineTypesIn(Type type) {
    return switch (type) {
      case Class<?> c when c.isArray() -> engineTypesIn(c.getComponentType());
      case Class<?> c ->
          c.getName().startsWith("io.relevo.core.") ? Stream.of(c.getName()) : Stream.empty();
      case ParameterizedType p ->
          Stream.concat(
              engineTypesIn(p.getRawType()),
              Arrays.stream(p.getActualTypeArguments()).flatMap(WireTypesTest::engineTypesIn));
      case GenericArrayType a -> engineTypesIn(a.getGenericComponentType());
      case WildcardType w ->
          Arrays.stream(w.getUpperBounds()).flatMap(WireTypesTest::engineTypesIn);
      default -> Stream.empty();
    };
  }
}
