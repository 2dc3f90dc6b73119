package io.relevo.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relevo.server.Json;
import io.relevo.server.v1.AppView;
import io.relevo.server.v1.ProgressView;
import io.relevo.server.v1.RevisionView;
import io.relevo.server.v1.RolloutView;
import io.relevo.server.v1.SplitView;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The status table read with the streaming parser shows what the whole views would show. */
class AppRowsTest {

  private static final RevisionView STABLE =
      new RevisionView(
          "shop",
          2,
          "1.1.0",
          "h",
          "app: shop",
          "relevo.yml",
          null,
          null,
          Instant.EPOCH,
          null,
          null);

  private static final AppView CANARY =
      new AppView(
          "shop",
          "production",
          "127.0.0.1:8080",
          STABLE,
          List.of(STABLE),
          new SplitView(
              List.of(
                  new SplitView.Backend(2, new SplitView.Endpoint("127.0.0.1", 41000), 90),
                  new SplitView.Backend(3, new SplitView.Endpoint("127.0.0.1", 41001), 10)),
              false),
          new RolloutView(
              7, "shop", null, 2, 3, "canary", "ana", "", Instant.EPOCH, null, null, null, null),
          new ProgressView(1, 3, "canary at 10%", 10, true, List.of("p99 ok")),
          List.of("revision 3 (1.2.0) fails its liveness check"),
          null);

  private static final AppView IDLE =
      new AppView("jobs", null, null, null, List.of(), null, null, null, List.of(), null);

  @Test
  void rowsReadFromTheAnswerEqualRowsOfTheWholeViews() throws IOException {
    byte[] answer = Json.mapper().writeValueAsBytes(List.of(CANARY, IDLE));

    List<AppRow> rows = AppRows.read(answer);

    assertThat(rows).containsExactly(AppRow.of(CANARY), AppRow.of(IDLE));
    assertThat(rows.get(0))
        .isEqualTo(
            new AppRow(
                "shop",
                "production",
                "127.0.0.1:8080",
                "2 (1.1.0)",
                "2:90% 3:10%",
                "7 to 3 step 1/3 paused",
                List.of("revision 3 (1.2.0) fails its liveness check")));
    assertThat(rows.get(1)).isEqualTo(new AppRow("jobs", null, null, "-", "none", "none", null));
  }

  @Test
  void theTablePrintsTheSameFromRowsAsFromViews() throws IOException {
    StringWriter fromViews = new StringWriter();
    StatusCommand.printAll(List.of(CANARY, IDLE), new PrintWriter(fromViews));
    StringWriter fromRows = new StringWriter();
    StatusCommand.printRows(
        AppRows.read(Json.mapper().writeValueAsBytes(List.of(CANARY, IDLE))),
        new PrintWriter(fromRows));

    assertThat(fromRows.toString()).isEqualTo(fromViews.toString()).contains("ALERT shop: ");
  }

  @Test
  void anEmptyListHasNoRowsAndAnythingButAListIsRefused() throws IOException {
    assertThat(AppRows.read("[]".getBytes(StandardCharsets.UTF_8))).isEmpty();
    assertThatThrownBy(() -> AppRows.read("{\"app\":\"shop\"}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> AppRows.read("[{\"app\":".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IOException.class);
  }
}
