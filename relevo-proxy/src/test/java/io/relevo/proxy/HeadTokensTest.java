package io.relevo.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HeadTokensTest {

  private final HeadTokens tokens = HeadTokens.fresh();

  @Test
  void aNameSeenAgainIsTheSameObjectWithTheSameBytes() {
    byte[] line = "xxContent-Typeyy".getBytes(StandardCharsets.ISO_8859_1);
    var first = tokens.name(line, 2, 12);
    var again = tokens.name("Content-Type".getBytes(StandardCharsets.ISO_8859_1), 0, 12);
    assertThat(first.toString()).isEqualTo("Content-Type");
    assertThat((Object) again).isSameAs(first);
  }

  @Test
  void namesThatDifferOnlyInCaseStayApart() {
    var upper = tokens.name(bytes("Content-Type"), 0, 12);
    var lower = tokens.name(bytes("content-type"), 0, 12);
    assertThat(upper.toString()).isEqualTo("Content-Type");
    assertThat(lower.toString()).isEqualTo("content-type");
    assertThat(tokens.name(bytes("Content-Type"), 0, 12).toString()).isEqualTo("Content-Type");
  }

  @Test
  void everyTokenComesBackWithItsOwnBytesWhateverTheTableHolds() {
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < 2_000; i++) {
        String name = "X-Header-" + i;
        assertThat(tokens.name(bytes(name), 0, name.length()).toString()).isEqualTo(name);
        String word = Integer.toString(i);
        assertThat(tokens.word(bytes(word), 0, word.length())).isEqualTo(word);
      }
    }
  }

  @Test
  void wordsAreLatin1AndLongTokensAreMadeEachTime() {
    byte[] reason = {'O', 'K', (byte) 0xE9};
    assertThat(tokens.word(reason, 0, 3)).isEqualTo("OK\u00e9");
    assertThat(tokens.word(reason, 0, 0)).isEmpty();
    String longName = "X-" + "a".repeat(HeadTokens.LONGEST);
    var first = tokens.name(bytes(longName), 0, longName.length());
    var again = tokens.name(bytes(longName), 0, longName.length());
    assertThat(again.toString()).isEqualTo(longName);
    assertThat((Object) again).isNotSameAs(first);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }
}
