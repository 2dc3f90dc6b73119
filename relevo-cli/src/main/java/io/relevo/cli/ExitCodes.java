package io.relevo.cli;

import io.relevo.core.RelevoException;
import io.relevo.core.config.ConfigException;
import io.relevo.core.config.ConfigProblem;
import java.io.PrintWriter;

/**
 * The one mapping from outcomes to exit codes, and the one place failures are printed.
 *
 * <ul>
 *   <li>0: done; a deploy or rollback was promoted
 *   <li>1: a rollout failed or was rolled back, or the agent refused (another rollout under way)
 *   <li>2: bad input: an invalid config, a wrong argument, an unknown app or revision, a usage
 *       error, a port in {@code listen} or {@code --api} that another process holds
 *   <li>3: the agent could not be reached (not running, connection lost)
 *   <li>4: the agent refused the API token (missing, unknown, expired, revoked, or too many failed
 *       attempts)
 *   <li>5: the API token lacks the role the command needs
 *   <li>70: a bug of relevo; the only case that prints a stack trace
 * </ul>
 */
public final class ExitCodes {

  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int BAD_INPUT = 2;
  public static final int UNAVAILABLE = 3;
  public static final int UNAUTHORIZED = 4;
  public static final int FORBIDDEN = 5;
  public static final int BUG = 70;

  private ExitCodes() {}

  public static int of(RelevoException.Kind kind) {
    return switch (kind) {
      case FAILED, CONFLICT -> FAILED;
      case BAD_INPUT, NOT_FOUND -> BAD_INPUT;
      case UNAVAILABLE -> UNAVAILABLE;
      case UNAUTHORIZED -> UNAUTHORIZED;
      case FORBIDDEN -> FORBIDDEN;
    };
  }

  /** Prints {@code error} for people and returns its exit code. */
  public static int report(Throwable error, PrintWriter err) {
    if (error instanceof ConfigException config) {
      for (ConfigProblem problem : config.problems()) {
        err.println(problem);
      }
      int n = config.problems().size();
      err.println(
          "relevo: "
              + n
              + (n == 1 ? " problem" : " problems")
              + " in "
              + config.problems().getFirst().file());
    } else if (error instanceof RelevoException relevo) {
      err.println("relevo: " + relevo.getMessage().replace("\n", "\n  "));
    } else {
      err.println(
          "relevo: unexpected failure (this is a bug; please report it with the trace below)");
      error.printStackTrace(err);
      err.flush();
      return BUG;
    }
    err.flush();
    return of(((RelevoException) error).kind());
  }
}
