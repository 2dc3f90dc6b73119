package io.relevo.core.engine;

import io.relevo.core.store.Revision;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment values a revision's config was interpolated with when it was deployed, kept
 * sealed in history (never clear text) so that a later agent, started from any shell, reads the
 * config as it was deployed and can restart the revision.
 */
final class RevisionEnv {

  /** {@code ${NAME}} or {@code ${NAME:-default}}, not {@code $${} escaped. */
  private static final Pattern REFERENCE =
      Pattern.compile("(?<!\\$)\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-[^}]*)?}");

  private final EngineParts parts;

  RevisionEnv(EngineParts parts) {
    this.parts = parts;
  }

  /** Seals and keeps the agent's values of the variables {@code revision}'s config refers to. */
  void keep(Revision revision) {
    Map<String, String> used = new LinkedHashMap<>();
    Matcher m = REFERENCE.matcher(revision.configText());
    while (m.find()) {
      String value = parts.env().get(m.group(1));
      if (value != null) {
        used.put(m.group(1), value);
      }
    }
    parts.store().saveSealedEnv(revision.app(), revision.number(), parts.sealedEnv().seal(used));
  }

  /**
   * The environment to read {@code revision}'s config with: the agent's, overlaid with the values
   * the revision was deployed with (those win: the revision restarts as it was deployed).
   */
  Map<String, String> of(Revision revision) {
    String ciphertext = parts.store().sealedEnv(revision.app(), revision.number()).orElse(null);
    if (ciphertext == null) {
      return parts.env();
    }
    Map<String, String> env = new HashMap<>(parts.env());
    env.putAll(parts.sealedEnv().open(ciphertext));
    return env;
  }

  /** Why the revision's kept values cannot be used, in one line; empty when they can. */
  String problem(Revision revision) {
    return parts
        .store()
        .sealedEnv(revision.app(), revision.number())
        .map(ciphertext -> parts.sealedEnv().problem(ciphertext))
        .orElse("");
  }
}
