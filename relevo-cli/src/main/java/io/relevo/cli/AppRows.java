package io.relevo.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.relevo.server.v1.SplitView;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the agent's {@code GET /api/v1/apps} answer (a list of {@code AppView}) straight into
 * {@link AppRow}s with Jackson's streaming parser, taking only the fields the table shows and
 * skipping the rest. {@code relevo status} is the command people type most; building Jackson's data
 * binding for the answer's seven record types cost more than everything else it does after the JVM
 * has started. Output in JSON ({@code --output json}) still reads whole views.
 */
final class AppRows {

  private static final JsonFactory JSON = new JsonFactory();

  private AppRows() {}

  /** The rows of {@code json}, in its order; an IOException for anything but a list of objects. */
  static List<AppRow> read(byte[] json) throws IOException {
    try (JsonParser p = JSON.createParser(json)) {
      expect(p, p.nextToken(), JsonToken.START_ARRAY);
      List<AppRow> rows = new ArrayList<>();
      while (p.nextToken() == JsonToken.START_OBJECT) {
        rows.add(row(p));
      }
      expect(p, p.currentToken(), JsonToken.END_ARRAY);
      return rows;
    }
  }

  private static AppRow row(JsonParser p) throws IOException {
    String app = null;
    String env = null;
    String listen = null;
    String stable = "-";
    String traffic = "none";
    Rollout rollout = null;
    Progress progress = null;
    List<String> alerts = List.of();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      if (value == JsonToken.VALUE_NULL) {
        continue;
      }
      switch (field) {
        case "app" -> app = p.getText();
        case "env" -> env = p.getText();
        case "listen" -> listen = p.getText();
        case "stable" -> stable = revision(p);
        case "split" -> traffic = split(p);
        case "activeRollout" -> rollout = rollout(p);
        case "progress" -> progress = progress(p);
        case "alerts" -> alerts = strings(p);
        default -> p.skipChildren();
      }
    }
    String rolloutCell =
        rollout == null
            ? "none"
            : AppRow.rollout(
                rollout.id,
                rollout.toRevision,
                progress == null ? null : progress.step,
                progress == null ? 0 : progress.steps,
                progress != null && progress.paused);
    return new AppRow(app, env, listen, stable, traffic, rolloutCell, alerts);
  }

  /** {@code 3 (v3)}, as {@code RevisionView.label()}. */
  private static String revision(JsonParser p) throws IOException {
    expect(p, p.currentToken(), JsonToken.START_OBJECT);
    int number = 0;
    String version = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "number" -> number = p.getIntValue();
        case "version" -> version = p.currentToken() == JsonToken.VALUE_NULL ? null : p.getText();
        default -> p.skipChildren();
      }
    }
    return number + " (" + version + ")";
  }

  /**
   * {@code 3:90% 4:10%}: the shares (without their endpoints), written by {@link Formats#split}.
   */
  private static String split(JsonParser p) throws IOException {
    expect(p, p.currentToken(), JsonToken.START_OBJECT);
    List<SplitView.Backend> backends = new ArrayList<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      if (field.equals("backends") && p.currentToken() == JsonToken.START_ARRAY) {
        while (p.nextToken() == JsonToken.START_OBJECT) {
          backends.add(share(p));
        }
      } else {
        p.skipChildren();
      }
    }
    return Formats.split(new SplitView(backends, false));
  }

  private static SplitView.Backend share(JsonParser p) throws IOException {
    int revision = 0;
    int weight = 0;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      switch (name) {
        case "revision" -> revision = p.getIntValue();
        case "weight" -> weight = p.getIntValue();
        default -> p.skipChildren();
      }
    }
    return new SplitView.Backend(revision, null, weight);
  }

  private record Rollout(long id, int toRevision) {}

  private static Rollout rollout(JsonParser p) throws IOException {
    expect(p, p.currentToken(), JsonToken.START_OBJECT);
    long id = 0;
    int toRevision = 0;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "id" -> id = p.getLongValue();
        case "toRevision" -> toRevision = p.getIntValue();
        default -> p.skipChildren();
      }
    }
    return new Rollout(id, toRevision);
  }

  private record Progress(int step, int steps, boolean paused) {}

  private static Progress progress(JsonParser p) throws IOException {
    expect(p, p.currentToken(), JsonToken.START_OBJECT);
    int step = 0;
    int steps = 0;
    boolean paused = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "step" -> step = p.getIntValue();
        case "steps" -> steps = p.getIntValue();
        case "paused" -> paused = p.getBooleanValue();
        default -> p.skipChildren();
      }
    }
    return new Progress(step, steps, paused);
  }

  private static List<String> strings(JsonParser p) throws IOException {
    expect(p, p.currentToken(), JsonToken.START_ARRAY);
    List<String> values = new ArrayList<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      values.add(p.getText());
    }
    return values;
  }

  private static void expect(JsonParser p, JsonToken actual, JsonToken expected)
      throws IOException {
    if (actual != expected) {
      throw new IOException(
          "unexpected " + actual + " at " + p.currentLocation() + " (expected " + expected + ")");
    }
  }
}
