package io.relevo.server;

import io.relevo.server.v1.AppView;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Has Jackson build the serializers of the API's most asked answer, an app's status ({@link
 * AppView}, alone and in the list), on a thread of its own while the agent starts ({@link
 * Agent#start}). Jackson builds a type's serializers on first use and keeps them in the shared
 * mapper ({@link Json}); without this, the first {@code relevo status} after a start waits for
 * them.
 */
final class JsonWarmUp {

  private static final Logger log = LoggerFactory.getLogger(JsonWarmUp.class);

  private JsonWarmUp() {}

  static void run() {
    AppView app = new AppView("warm-up", null, null, null, List.of(), null, null, null, null, null);
    try {
      Json.mapper().writeValueAsBytes(app);
      Json.mapper().writeValueAsBytes(List.of(app));
    } catch (IOException | RuntimeException e) { // only time is lost: the answers build them too
      log.debug("JSON warm-up failed: {}", e.toString());
    }
  }
}
