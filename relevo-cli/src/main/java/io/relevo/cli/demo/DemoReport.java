package io.relevo.cli.demo;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** Prints the demo's steps as an aligned table and a verdict line. */
final class DemoReport {

  private DemoReport() {}

  static void print(List<DemoStep> steps, PrintWriter out) {
    String format = "%-44s %-11s %9s %9s %7s%n";
    out.println();
    out.printf(format, "STEP", "OUTCOME", "DURATION", "REQUESTS", "FAILED");
    long requests = 0;
    long failed = 0;
    for (DemoStep step : steps) {
      out.printf(
          format,
          step.name(),
          step.outcome() + (step.asExpected() ? "" : "!"),
          String.format(Locale.ROOT, "%.2fs", step.took().toMillis() / 1000.0),
          step.requests(),
          step.failed());
      requests += step.requests();
      failed += step.failed();
    }
    out.printf(format, "total", "", "", requests, failed);
    out.println();
  }
}
