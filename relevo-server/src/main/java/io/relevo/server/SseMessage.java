package io.relevo.server;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One server-sent event as {@code GET /api/v1/apps/{app}/events} writes it: {@code id:
 * <bootId>:<seq>}, {@code event: <type>} and one {@code data:} line of JSON, then a blank line.
 *
 * @param id where the stream stands after this message; a client sends it back as {@code
 *     Last-Event-ID} to carry on after it
 * @param type {@code status}, {@code rollout}, {@code weights}, {@code analysis}, {@code traffic}
 *     or {@code reset}
 * @param data one line of JSON
 */
record SseMessage(String id, String type, String data) {

  SseMessage {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    if (data.indexOf('\n') >= 0 || data.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("data: " + data + " (expected: one line of JSON)");
    }
  }

  /** The message as it goes on the wire. */
  byte[] frame() {
    return ("id: " + id + "\nevent: " + type + "\ndata: " + data + "\n\n")
        .getBytes(StandardCharsets.UTF_8);
  }
}
