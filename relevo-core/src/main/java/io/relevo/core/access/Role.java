package io.relevo.core.access;

import io.relevo.core.RelevoException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a token may do. A viewer reads everything; a deployer also deploys and drives rollouts; an
 * approver also approves deploys; an admin may do everything, including managing tokens.
 */
public enum Role {
  VIEWER,
  DEPLOYER,
  APPROVER,
  ADMIN;

  /** True when this role may call an endpoint that requires {@code required}. */
  public boolean allows(Role required) {
    return this == ADMIN || required == VIEWER || this == required;
  }

  /** The name on the wire and the command line: {@code viewer}, {@code deployer}... */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a role by its wire name, ignoring case.
   *
   * @throws RelevoException BAD_INPUT naming the value and the roles that exist
   */
  public static Role parse(String text) {
    for (Role role : values()) {
      if (role.wireName().equalsIgnoreCase(text == null ? "" : text.strip())) {
        return role;
      }
    }
    throw new RelevoException(
        RelevoException.Kind.BAD_INPUT,
        "role: \"" + text + "\" (expected: one of " + names() + ")");
  }

  /** {@code viewer, deployer, approver, admin}. */
  public static String names() {
    return Arrays.stream(values()).map(Role::wireName).collect(Collectors.joining(", "));
  }
}
