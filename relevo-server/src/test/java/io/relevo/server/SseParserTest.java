package io.relevo.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The event stream as the CLI reads it, by the HTML standard's rules. */
class SseParserTest {

  private final List<SseEvent> events = new ArrayList<>();

  private SseParser feed(String lastId, String text) {
    SseParser parser = new SseParser(lastId, events::add);
    text.lines().forEach(parser::line);
    return parser;
  }

  @Test
  void fieldsGatherIntoAMessageThatABlankLineEnds() {
    SseParser parser = feed("", "id: b:1\nevent: status\ndata: {\"app\":\"shop\"}\n\n: ping\n\n");

    assertThat(events).containsExactly(new SseEvent("b:1", "status", "{\"app\":\"shop\"}"));
    assertThat(parser.lastId()).isEqualTo("b:1");
  }

  @Test
  void dataLinesJoinWithNewlinesAndAMessageWithoutIdKeepsTheLastOne() {
    feed("b:7", "data:one\ndata: two\n\nevent: reset\ndata\n\n");

    assertThat(events)
        .containsExactly(
            new SseEvent("b:7", "message", "one\ntwo"), new SseEvent("b:7", "reset", ""));
  }

  @Test
  void aMessageWithoutDataOrCutOffBeforeItsBlankLineIsNotDispatchedNorResumedAfter() {
    SseParser parser = feed("", "id: b:2\nevent: status\n\nid: b:3\ndata: {}\n");

    assertThat(events).isEmpty();
    assertThat(parser.lastId()).isEqualTo("b:2");
  }
}
