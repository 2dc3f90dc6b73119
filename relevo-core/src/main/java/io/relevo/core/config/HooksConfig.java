package io.relevo.core.config;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** {@code hooks}: commands run at points of a rollout; none by default. */
public record HooksConfig(Map<Point, HookCommand> commands) {

  public HooksConfig {
    commands = commands == null || commands.isEmpty() ? Map.of() : new EnumMap<>(commands);
    commands = Map.copyOf(commands);
  }

  public static HooksConfig none() {
    return new HooksConfig(null);
  }

  public Optional<HookCommand> at(Point point) {
    return Optional.ofNullable(commands.get(point));
  }

  /** Where a hook runs. */
  public enum Point {
    /** Before a deploy starts its revision; a failure refuses the deploy. */
    PRE_DEPLOY,
    /** After a deploy's revision took all traffic; recorded, cannot undo the switch. */
    POST_DEPLOY,
    /** Before a rollback switches; a failure is recorded and the rollback goes on. */
    PRE_ROLLBACK,
    /** After a rollback ended; recorded. */
    POST_ROLLBACK,
    /** After a deploy failed or was rolled back; recorded. */
    ON_FAILURE;

    /** The config key, like {@code pre_deploy}. */
    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
