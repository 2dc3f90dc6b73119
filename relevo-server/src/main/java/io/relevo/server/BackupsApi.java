package io.relevo.server;

import com.sun.net.httpserver.HttpExchange;
import io.relevo.core.RelevoException;
import io.relevo.core.engine.RolloutEngine;
import java.io.IOException;

/** {@code /api/v1/apps/{app}/backups}: list the app's backups, or take one now. */
final class BackupsApi {

  private BackupsApi() {}

  static void route(HttpExchange exchange, String method, RolloutEngine engine, String app)
      throws IOException {
    switch (method) {
      case "GET" ->
          Exchanges.sendJson(
              exchange, 200, engine.backups(app).stream().map(BackupView::of).toList());
      case "POST" -> {
        BackupBody body = Exchanges.readJson(exchange, BackupBody.class);
        String actor = body.actor() == null || body.actor().isBlank() ? "unknown" : body.actor();
        Exchanges.sendJson(exchange, 201, BackupView.of(engine.backup(app, actor)));
      }
      default ->
          throw new RelevoException(
              RelevoException.Kind.BAD_INPUT,
              method
                  + " "
                  + exchange.getRequestURI().getPath()
                  + ": method not allowed (expected:"
                  + " GET or POST)");
    }
  }
}
