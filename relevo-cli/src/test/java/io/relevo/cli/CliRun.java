package io.relevo.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** One in-process run of the command line, with what it printed. */
record CliRun(int exitCode, String out, String err) {

  static CliRun of(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new CliContext(env, new PrintWriter(out), new PrintWriter(err)));
    return new CliRun(code, out.toString(), err.toString());
  }
}
