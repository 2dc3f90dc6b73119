package io.relevo.server;

import com.fasterxml.jackson.core.JsonGenerator;
import io.relevo.server.v1.RolloutEventView;
import io.relevo.server.v1.StreamLine;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * The JSON of the events the agent writes most often, exactly as {@link Json#mapper()} writes their
 * records, field for field, but with the streaming generator: every app under analysis publishes a
 * rollout event and one {@code analysis} event per metric every second, to the event stream and to
 * the deploy's own stream. Data binding looked each field up by reflection, which was a good part
 * of what the agent spent at 100 apps.
 */
final class EventJson {

  private interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private EventJson() {}

  /** An {@code analysis} message's data: {@link EventData.Analysis}. */
  static String analysis(EventData.Analysis a) {
    return json(
        g -> {
          g.writeStartObject();
          number(g, "rolloutId", a.rolloutId());
          g.writeStringField("at", a.at() == null ? null : a.at().toString());
          g.writeStringField("analysis", a.analysis());
          g.writeNumberField("revision", a.revision());
          g.writeNumberField("stableRevision", a.stableRevision());
          g.writeStringField("metric", a.metric());
          g.writeStringField("name", a.name());
          number(g, "value", a.value());
          number(g, "threshold", a.threshold());
          number(g, "canary", a.canary());
          number(g, "stable", a.stable());
          g.writeStringField("condition", a.condition());
          g.writeStringField("verdict", a.verdict());
          g.writeStringField("detail", a.detail());
          g.writeEndObject();
        });
  }

  /** A {@code rollout} message's data: {@link EventData.Rollout}. */
  static String rollout(long rolloutId, RolloutEventView event) {
    return json(
        g -> {
          g.writeStartObject();
          g.writeNumberField("rolloutId", rolloutId);
          g.writeFieldName("event");
          event(g, event);
          g.writeEndObject();
        });
  }

  /** A deploy stream's line for one event: {@link StreamLine#event}. */
  static String streamLine(long rolloutId, RolloutEventView event) {
    return json(
        g -> {
          g.writeStartObject();
          g.writeStringField("type", StreamLine.EVENT);
          g.writeNumberField("rolloutId", rolloutId);
          g.writeFieldName("event");
          event(g, event);
          g.writeEndObject(); // a StreamLine leaves out its null fields
        });
  }

  private static void event(JsonGenerator g, RolloutEventView e) throws IOException {
    g.writeStartObject();
    g.writeStringField("at", e.at() == null ? null : e.at().toString());
    g.writeStringField("step", e.step());
    g.writeStringField("status", e.status() == null ? null : e.status().name());
    g.writeStringField("message", e.message());
    g.writeStringField("took", e.took() == null ? null : e.took().toString());
    g.writeEndObject();
  }

  private static String json(Body body) {
    StringWriter out = new StringWriter(512);
    try (JsonGenerator g = Json.mapper().getFactory().createGenerator(out)) {
      body.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return out.toString();
  }

  private static void number(JsonGenerator g, String name, Number value) throws IOException {
    g.writeFieldName(name);
    switch (value) {
      case null -> g.writeNull();
      case Long whole -> g.writeNumber(whole);
      default -> g.writeNumber(value.doubleValue());
    }
  }
}
