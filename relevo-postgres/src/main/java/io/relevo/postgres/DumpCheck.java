package io.relevo.postgres;

import io.relevo.core.RelevoException;
import io.relevo.core.database.DumpResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Verifies a custom-format dump the way the runbooks never did: the file is not empty, {@code
 * pg_restore --list} reads its table of contents, and the contents list as many tables as the live
 * schema has. The scripts this replaces wrote empty dumps and nobody noticed.
 */
final class DumpCheck {

  /** A table-of-contents line for a table definition: {@code 215; 1259 16386 TABLE public x o}. */
  private static final Pattern TABLE_ENTRY = Pattern.compile("^\\d+; \\d+ \\d+ TABLE (?!DATA )");

  private DumpCheck() {}

  static DumpResult verify(String pgRestore, Path file, int liveTables) {
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      throw failed("the dump " + file + " was not written: " + e.getMessage());
    }
    if (size == 0) {
      throw failed("the dump " + file + " is empty");
    }
    ToolRun list =
        ToolRun.of(List.of(pgRestore, "--list", file.toString()), Map.of(), Duration.ofMinutes(5));
    if (list.exitCode() != 0) {
      throw failed("pg_restore cannot read the dump " + file + ": " + list.tail(3));
    }
    int tables = tables(list.output());
    if (tables != liveTables) {
      throw failed(
          "the dump "
              + file
              + " lists "
              + tables
              + " tables but the live schema has "
              + liveTables
              + "; the backup is incomplete");
    }
    return new DumpResult(size, sha256(file), tables);
  }

  /** How many table definitions a {@code pg_restore --list} output has. */
  static int tables(String tableOfContents) {
    return (int) tableOfContents.lines().filter(l -> TABLE_ENTRY.matcher(l).find()).count();
  }

  static String sha256(Path file) {
    try (InputStream raw = Files.newInputStream(file);
        DigestInputStream in = new DigestInputStream(raw, MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(in.getMessageDigest().digest());
    } catch (IOException e) {
      throw failed("cannot read the dump " + file + ": " + e.getMessage());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static RelevoException failed(String message) {
    return new RelevoException(RelevoException.Kind.FAILED, message);
  }
}
