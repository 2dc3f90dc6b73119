package io.relevo.postgres;

import io.relevo.core.config.DatabaseUrl;
import java.util.HashMap;
import java.util.Map;

/** The environment the client tools get: the password by variable, never on the command line. */
final class PgEnv {

  private PgEnv() {}

  static Map<String, String> of(DatabaseUrl database) {
    Map<String, String> env = new HashMap<>();
    env.put("PGPASSWORD", database.password());
    env.put("PGCONNECT_TIMEOUT", "10");
    env.put("PGAPPNAME", "relevo");
    return env;
  }
}
