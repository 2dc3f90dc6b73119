package io.relevo.server;

import io.relevo.core.RelevoException;
import io.relevo.core.config.AppConfig;
import io.relevo.core.engine.DeployRequest;
import io.relevo.server.v1.DeployBody;
import java.nio.file.Path;

/** Turns the body of a deploy or a check into the engine's request, parsing its config here. */
final class DeployRequests {

  private DeployRequests() {}

  /**
   * The request {@code bytes} describe for {@code app}, made by {@code caller}; {@code what} names
   * the call in messages.
   *
   * @throws RelevoException BAD_INPUT for a body without config, a config with problems, or a
   *     config of another app
   */
  static DeployRequest read(
      ConfigParser parser, byte[] bytes, String app, String what, Caller caller) {
    DeployBody body = Exchanges.readJson(bytes, DeployBody.class);
    if (body.configFile() == null || body.configText() == null) {
      throw new RelevoException(
          RelevoException.Kind.BAD_INPUT,
          what
              + " of "
              + app
              + ": configFile and configText are required (expected: the path and"
              + " text of its relevo.yml)");
    }
    Path configFile = Path.of(body.configFile()).toAbsolutePath();
    AppConfig config = parser.parse(body.configFile(), body.configText());
    if (!config.app().equals(app)) {
      throw new RelevoException(
          RelevoException.Kind.BAD_INPUT,
          "app: \""
              + config.app()
              + "\" in "
              + body.configFile()
              + " (expected: \""
              + app
              + "\", the app named in the request)");
    }
    return new DeployRequest(
        config,
        configFile.getParent(),
        body.version(),
        caller.actor(body.actor()),
        body.reason(),
        body.force(),
        body.overrides() == null ? null : java.util.Set.copyOf(body.overrides()),
        body.allowDestructive());
  }
}
