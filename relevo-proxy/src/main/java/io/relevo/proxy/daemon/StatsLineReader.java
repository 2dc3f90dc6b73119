package io.relevo.proxy.daemon;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import io.relevo.core.metrics.LatencySnapshot;
import java.io.IOException;
import java.util.Arrays;

/**
 * Reads a {@link StatsLine} token by token. The agent reads two at every analysis tick of every app
 * (100 a second at 100 apps); data binding created each record, array and snapshot by reflection.
 * Fields it does not know are skipped, as the mapper skips them, so a newer proxy may add some.
 */
final class StatsLineReader extends StdDeserializer<StatsLine> {

  StatsLineReader() {
    super(StatsLine.class);
  }

  @Override
  public StatsLine deserialize(JsonParser p, DeserializationContext context) throws IOException {
    expect(p, p.currentToken(), JsonToken.START_OBJECT, context);
    long[] counters = null;
    LatencySnapshot latency = null;
    long[] histogram = null;
    long[] inFlight = null;
    for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
      JsonToken value = p.nextToken();
      switch (field) {
        case "counters" -> counters = longs(p, value, context);
        case "latency" -> latency = latency(p, value, context);
        case "histogram" -> histogram = longs(p, value, context);
        case "inFlight" -> inFlight = longs(p, value, context);
        default -> p.skipChildren();
      }
    }
    try {
      return new StatsLine(counters, latency, histogram, inFlight);
    } catch (IllegalArgumentException | NullPointerException e) {
      return context.reportInputMismatch(this, "stats line: %s", e.getMessage());
    }
  }

  private long[] longs(JsonParser p, JsonToken token, DeserializationContext context)
      throws IOException {
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    expect(p, token, JsonToken.START_ARRAY, context);
    long[] values = new long[16];
    int size = 0;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      expect(p, t, JsonToken.VALUE_NUMBER_INT, context);
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = p.getLongValue();
    }
    return Arrays.copyOf(values, size);
  }

  private LatencySnapshot latency(JsonParser p, JsonToken token, DeserializationContext context)
      throws IOException {
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    expect(p, token, JsonToken.START_OBJECT, context);
    long count = 0;
    long p50 = 0;
    long p95 = 0;
    long p99 = 0;
    long max = 0;
    for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
      JsonToken value = p.nextToken();
      if (value != JsonToken.VALUE_NUMBER_INT) {
        p.skipChildren();
        continue;
      }
      switch (field) {
        case "count" -> count = p.getLongValue();
        case "p50Micros" -> p50 = p.getLongValue();
        case "p95Micros" -> p95 = p.getLongValue();
        case "p99Micros" -> p99 = p.getLongValue();
        case "maxMicros" -> max = p.getLongValue();
        default -> {}
      }
    }
    return new LatencySnapshot(count, p50, p95, p99, max);
  }

  private void expect(
      JsonParser p, JsonToken token, JsonToken expected, DeserializationContext context)
      throws IOException {
    if (token != expected) {
      context.reportInputMismatch(this, "stats line: %s where %s was expected", token, expected);
    }
  }
}
