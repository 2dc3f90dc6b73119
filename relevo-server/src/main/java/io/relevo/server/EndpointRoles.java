package io.relevo.server;

import io.relevo.core.access.Role;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The role each endpoint needs, in one table read top to bottom: the first rule whose method and
 * path match decides. A viewer reads everything; a deployer deploys and drives rollouts; an
 * approver approves; an admin manages tokens and restores. Anything not in the table needs admin,
 * so a new endpoint is closed until it is listed here.
 */
final class EndpointRoles {

  private record Rule(String method, Pattern path, Role role) {
    boolean matches(String m, String p) {
      return (method.equals("*") || method.equals(m)) && path.matcher(p).matches();
    }
  }

  private static final String APP = "/api/v1/apps/[^/]+";

  private static final List<Rule> RULES =
      List.of(
          new Rule("*", Pattern.compile("/api/v1/tokens(/.*)?"), Role.ADMIN),
          new Rule("GET", Pattern.compile("/.*"), Role.VIEWER),
          new Rule("HEAD", Pattern.compile("/.*"), Role.VIEWER),
          new Rule(
              "POST",
              Pattern.compile(
                  APP
                      + "/(deploy|check|promote|abort|retry|stop|rollback|unlock|backups"
                      + "|backups/verify)"),
              Role.DEPLOYER),
          new Rule("POST", Pattern.compile(APP + "/approve"), Role.APPROVER),
          new Rule("POST", Pattern.compile(APP + "/restore"), Role.ADMIN));

  private EndpointRoles() {}

  /** The role a request of {@code method} to {@code path} needs; admin for anything unlisted. */
  static Role required(String method, String path) {
    for (Rule rule : RULES) {
      if (rule.matches(method, path)) {
        return rule.role();
      }
    }
    return Role.ADMIN;
  }
}
