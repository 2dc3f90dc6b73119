package io.relevo.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {

  @TempDir Path dir;

  @Test
  void lastLinesOfALargeFileComeOldestFirst() throws Exception {
    Path log = dir.resolve("big.log");
    String text =
        IntStream.rangeClosed(1, 200_000)
            .mapToObj(i -> "line " + i)
            .collect(Collectors.joining("\n", "", "\n"));
    Files.writeString(log, text);

    assertThat(LogTail.read(log, 3)).containsExactly("line 199998", "line 199999", "line 200000");
  }

  @Test
  void aLastLineWithoutNewlineIsIncluded() throws Exception {
    Path log = Files.writeString(dir.resolve("partial.log"), "one\ntwo\nthr");

    assertThat(LogTail.read(log, 2)).containsExactly("two", "thr");
  }

  @Test
  void askingForMoreLinesThanExistGivesTheWholeFile() throws Exception {
    Path log = Files.writeString(dir.resolve("short.log"), "one\r\ntwo\n");

    assertThat(LogTail.read(log, 10)).containsExactly("one", "two");
  }

  @Test
  void linesLongerThanOneReadBlockAreWhole() throws Exception {
    String longLine = "x".repeat(20_000);
    Path log = Files.writeString(dir.resolve("long.log"), "first\n" + longLine + "\nlast\n");

    assertThat(LogTail.read(log, 2)).containsExactly(longLine, "last");
  }

  @Test
  void utf8SurvivesTheBackwardsRead() throws Exception {
    Path log = Files.writeString(dir.resolve("utf8.log"), "a\nreserva confirmada ✓ — ñandú\n");

    assertThat(LogTail.read(log, 1)).containsExactly("reserva confirmada ✓ — ñandú");
  }

  @Test
  void missingOrEmptyFileHasNoLines() throws Exception {
    assertThat(LogTail.read(dir.resolve("absent.log"), 5)).isEmpty();
    assertThat(LogTail.read(Files.createFile(dir.resolve("empty.log")), 5)).isEmpty();
  }
}
