package io.relevo.docker;

import io.relevo.core.RelevoException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an env file as {@code docker run --env-file} and Compose do: {@code NAME=value} per line,
 * blank lines and lines starting with {@code #} skipped, an optional {@code export } prefix, and
 * one pair of matching quotes around the value removed.
 */
final class EnvFile {

  private EnvFile() {}

  static Map<String, String> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new RelevoException(
          RelevoException.Kind.BAD_INPUT,
          "runtime.env_files: " + file + " does not exist (expected: a file of NAME=value lines)");
    } catch (IOException e) {
      throw new RelevoException(
          RelevoException.Kind.BAD_INPUT,
          "runtime.env_files: cannot read " + file + ": " + e.getMessage());
    }
    return parse(file.toString(), lines);
  }

  static Map<String, String> parse(String name, List<String> lines) {
    Map<String, String> env = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("export ")) {
        line = line.substring("export ".length()).strip();
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        throw new RelevoException(
            RelevoException.Kind.BAD_INPUT,
            name + ":" + (i + 1) + ": " + line + " (expected: NAME=value)");
      }
      env.put(line.substring(0, eq).strip(), unquote(line.substring(eq + 1).strip()));
    }
    return env;
  }

  private static String unquote(String value) {
    if (value.length() >= 2) {
      char first = value.charAt(0);
      if ((first == '"' || first == '\'') && value.charAt(value.length() - 1) == first) {
        return value.substring(1, value.length() - 1);
      }
    }
    return value;
  }
}
