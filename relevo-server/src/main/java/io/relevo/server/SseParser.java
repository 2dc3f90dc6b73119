package io.relevo.server;

import java.util.function.Consumer;

/**
 * Reads a {@code text/event-stream} line by line, as the HTML standard's event stream
 * interpretation does: {@code field: value} lines gather into a message that a blank line ends;
 * lines starting with {@code :} are comments (pings); several {@code data:} lines join with
 * newlines; a message without data is not dispatched. Not thread-safe: one parser per stream.
 */
public final class SseParser {

  private final Consumer<SseEvent> events;
  private final StringBuilder data = new StringBuilder();
  private boolean hasData;
  private String type = "";
  private String lastId;
  private String idBuffer;

  /**
   * @param lastId the id to start from ({@code ""} for none): messages without an id carry it on
   * @param events hears each complete message
   */
  public SseParser(String lastId, Consumer<SseEvent> events) {
    this.lastId = lastId == null ? "" : lastId;
    this.idBuffer = this.lastId;
    this.events = events;
  }

  /** Takes one line, without its line ending. */
  public void line(String line) {
    if (line.isEmpty()) {
      dispatch();
      return;
    }
    if (line.startsWith(":")) {
      return;
    }
    int colon = line.indexOf(':');
    String field = colon < 0 ? line : line.substring(0, colon);
    String value = colon < 0 ? "" : line.substring(colon + 1);
    if (value.startsWith(" ")) {
      value = value.substring(1);
    }
    switch (field) {
      case "data" -> {
        if (hasData) {
          data.append('\n');
        }
        data.append(value);
        hasData = true;
      }
      case "event" -> type = value;
      case "id" -> {
        if (value.indexOf('\0') < 0) {
          idBuffer = value;
        }
      }
      default -> {} // retry, and fields this parser does not know
    }
  }

  /**
   * The id to send back as {@code Last-Event-ID} to carry on after what was read: that of the last
   * complete message, so one cut off before its blank line is sent again.
   */
  public String lastId() {
    return lastId;
  }

  private void dispatch() {
    lastId = idBuffer;
    if (hasData) {
      events.accept(new SseEvent(lastId, type.isEmpty() ? "message" : type, data.toString()));
    }
    data.setLength(0);
    hasData = false;
    type = "";
  }
}
