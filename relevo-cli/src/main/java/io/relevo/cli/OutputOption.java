package io.relevo.cli;

import io.relevo.server.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine.Option;

/** {@code --output table|json} of the read commands. JSON is the agent API's own shape. */
final class OutputOption {

  enum Format {
    table,
    json
  }

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "table (default) or json")
  Format format = Format.table;

  boolean json() {
    return format == Format.json;
  }

  static void printJson(CliContext context, Object value) {
    try {
      context
          .out()
          .println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value));
      context.out().flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
