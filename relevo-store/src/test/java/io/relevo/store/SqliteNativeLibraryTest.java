package io.relevo.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sqlite-jdbc's native library is extracted once per folder, and again only when it differs. */
class SqliteNativeLibraryTest {

  @TempDir Path dir;

  @Test
  void theLibraryIsExtractedOnceAndThenLeftAsItIs() throws Exception {
    String name = SqliteNativeLibrary.extractInto(dir).orElseThrow();
    Path file = dir.resolve(name);
    assertThat(name).startsWith("sqlite-jdbc-").endsWith("libsqlitejdbc.so");
    assertThat(Files.size(file)).isGreaterThan(100_000);
    FileTime written = FileTime.fromMillis(1_000_000);
    Files.setLastModifiedTime(file, written);

    assertThat(SqliteNativeLibrary.extractInto(dir)).contains(name);

    assertThat(Files.getLastModifiedTime(file)).isEqualTo(written);
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(file); // no leftover part files
    }
  }

  @Test
  void aTruncatedLibraryIsReplaced() throws Exception {
    String name = SqliteNativeLibrary.extractInto(dir).orElseThrow();
    long size = Files.size(dir.resolve(name));
    Files.write(dir.resolve(name), new byte[] {1, 2, 3});

    assertThat(SqliteNativeLibrary.extractInto(dir)).contains(name);

    assertThat(Files.size(dir.resolve(name))).isEqualTo(size);
  }

  @Test
  void aFolderThatCannotBeCreatedLeavesTheExtractionToSqliteJdbc() throws Exception {
    Path notADirectory = Files.writeString(dir.resolve("file"), "x");

    assertThat(SqliteNativeLibrary.extractInto(notADirectory.resolve("native"))).isEmpty();
  }
}
