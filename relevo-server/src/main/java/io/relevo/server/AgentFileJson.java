package io.relevo.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;

/**
 * Reads {@code agent.json} ({@link AgentFile}: {@code url}, {@code pid}, {@code started} as an
 * ISO-8601 instant, as {@link Json} writes it) with Jackson's streaming parser. Every CLI command
 * reads this file first; with the data binding it was the one thing that made {@code relevo status}
 * build Jackson's whole mapper. Unknown fields are skipped, as {@link Json} does. The agent's lock
 * file holds the same object ({@link AgentLock}), read and written here so that taking the lock
 * does not wait for the mapper either.
 */
final class AgentFileJson {

  private static final JsonFactory JSON = new JsonFactory();

  private AgentFileJson() {}

  /**
   * The file's content.
   *
   * @throws IOException when it cannot be read or is not such an object (a half-written file)
   */
  static AgentFile read(Path file) throws IOException {
    try (JsonParser p = JSON.createParser(file.toFile())) {
      return read(p, file.toString());
    }
  }

  /** As {@link #read(Path)}, from the file's text ({@code where} names it in errors). */
  static AgentFile read(String text, String where) throws IOException {
    try (JsonParser p = JSON.createParser(text)) {
      return read(p, where);
    }
  }

  /** The text {@link Json}'s mapper writes for {@code agent}, on one line. */
  static String write(AgentFile agent) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("url", agent.url());
      g.writeNumberField("pid", agent.pid());
      g.writeStringField("started", agent.started() == null ? null : agent.started().toString());
      g.writeEndObject();
    }
    return out.toString();
  }

  private static AgentFile read(JsonParser p, String file) throws IOException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      throw new IOException(file + ": not a JSON object");
    }
    String url = null;
    long pid = 0;
    Instant started = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      boolean isNull = p.nextToken() == JsonToken.VALUE_NULL;
      switch (field) {
        case "url" -> url = isNull ? null : p.getText();
        case "pid" -> pid = isNull ? 0 : p.getLongValue();
        case "started" -> started = isNull ? null : instant(p.getText());
        default -> p.skipChildren();
      }
    }
    if (p.currentToken() != JsonToken.END_OBJECT) {
      throw new IOException(file + ": ends before its object does");
    }
    return new AgentFile(url, pid, started);
  }

  private static Instant instant(String text) throws IOException {
    try {
      return Instant.parse(text);
    } catch (DateTimeException e) {
      throw new IOException("started: " + e.getMessage(), e);
    }
  }
}
