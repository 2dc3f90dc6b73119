package io.relevo.server;

import com.sun.net.httpserver.HttpExchange;
import io.relevo.core.engine.RestoreRequest;
import io.relevo.core.engine.RolloutEngine;
import io.relevo.server.v1.BackupBody;
import io.relevo.server.v1.BackupView;
import io.relevo.server.v1.DrillBody;
import io.relevo.server.v1.DrillView;
import io.relevo.server.v1.RestoreBody;
import java.io.IOException;

/**
 * {@code /api/v1/apps/{app}/backups}: list the app's backups, or take one now; {@code
 * …/backups/verify}: a restore drill; {@code …/restore}: a restore for real, streamed like a
 * rollback.
 */
final class BackupsApi {

  private BackupsApi() {}

  static void verify(HttpExchange exchange, byte[] bytes, RolloutEngine engine, String app)
      throws IOException {
    DrillBody body = Exchanges.readJson(bytes, DrillBody.class);
    Exchanges.sendJson(exchange, 200, DrillView.of(engine.verifyBackup(app, body.backupId())));
  }

  static void restore(
      HttpExchange exchange, byte[] bytes, RolloutEngine engine, String app, Caller caller)
      throws IOException {
    RestoreBody body = Exchanges.readJson(bytes, RestoreBody.class);
    RestoreRequest request =
        new RestoreRequest(
            app, body.backupId(), caller.actor(body.actor()), body.reason(), body.yes());
    RolloutStream.run(exchange, app, "restore of " + app, l -> engine.restore(request, l));
  }

  static void route(
      HttpExchange exchange,
      byte[] bytes,
      String method,
      RolloutEngine engine,
      String app,
      Caller caller)
      throws IOException {
    switch (method) {
      case "GET" ->
          Exchanges.sendJson(
              exchange, 200, engine.backups(app).stream().map(BackupView::of).toList());
      case "POST" -> {
        BackupBody body = Exchanges.readJson(bytes, BackupBody.class);
        Exchanges.sendJson(
            exchange, 201, BackupView.of(engine.backup(app, caller.actor(body.actor()))));
      }
      default ->
          throw HttpProblem.methodNotAllowed(
              method, exchange.getRequestURI().getPath(), "GET or POST");
    }
  }
}
