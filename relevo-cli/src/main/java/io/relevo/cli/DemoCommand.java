package io.relevo.cli;

import io.relevo.cli.demo.Demo;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code relevo demo}: the whole story in under a minute, on this machine, with nothing to set up.
 */
@Command(
    name = "demo",
    description =
        "Ship the example booking service v1 -> v2 under load, refuse a bad v3, roll back;"
            + " exits 0 only if no user request failed.")
public final class DemoCommand implements Callable<Integer> {

  @Mixin HelpOption help;

  /** Held here: JUL keeps loggers weakly, and a collected one forgets its level. */
  private static final java.util.logging.Logger RELEVO_LOGS =
      java.util.logging.Logger.getLogger("io.relevo");

  private final CliContext context;

  public DemoCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    // The demo prints its own story; the in-process agent's info lines would only interleave.
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    RELEVO_LOGS.setLevel(java.util.logging.Level.WARNING);
    return new Demo(context.out()).run() ? 0 : 1;
  }
}
