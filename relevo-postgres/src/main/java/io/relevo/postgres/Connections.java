package io.relevo.postgres;

import io.relevo.core.RelevoException;
import io.relevo.core.config.DatabaseUrl;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.postgresql.Driver;

/**
 * Opens JDBC connections and turns the driver's failures into one line that names the server (host,
 * port, database, user), what failed and what to do. A password never appears: not from the URL,
 * not from the driver's message.
 */
final class Connections {

  private static final int CONNECT_TIMEOUT_SECONDS = 10;

  private Connections() {}

  static Connection open(DatabaseUrl url) {
    Properties properties = new Properties();
    properties.setProperty("user", url.user());
    if (!url.password().isEmpty()) {
      properties.setProperty("password", url.password());
    }
    properties.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
    properties.setProperty("socketTimeout", "300");
    properties.setProperty("ApplicationName", "relevo");
    String jdbc = "jdbc:postgresql://" + url.host() + ":" + url.port() + "/" + url.database();
    try {
      Connection connection = new Driver().connect(jdbc, properties);
      if (connection == null) {
        throw new SQLException("the driver did not accept " + url.redacted(), "08001");
      }
      return connection;
    } catch (SQLException e) {
      throw explain(url, e);
    }
  }

  /** The failure of a connection to {@code url}, for a person. */
  static RelevoException explain(DatabaseUrl url, SQLException e) {
    String where = "PostgreSQL at " + url.host() + ":" + url.port();
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String fix = "; check migrations.backup.postgres (the URL is " + url.redacted() + ")";
    return switch (state) {
      case "28P01" ->
          unavailable(
              where
                  + " refused user \""
                  + url.user()
                  + "\": wrong password (the one in the URL, not shown)"
                  + fix);
      case "28000" ->
          unavailable(
              where
                  + " refused user \""
                  + url.user()
                  + "\" for database \""
                  + url.database()
                  + "\" (no pg_hba.conf entry or role missing)"
                  + fix);
      case "3D000" -> unavailable(where + " has no database \"" + url.database() + "\"" + fix);
      default -> unavailable("cannot reach " + where + ": " + network(e) + fix);
    };
  }

  private static String network(SQLException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConnectException) {
        return "connection refused (is the server running and listening on that port?)";
      }
      if (cause instanceof UnknownHostException) {
        return "unknown host";
      }
      if (cause instanceof NoRouteToHostException) {
        return "no route to host";
      }
      if (cause instanceof SocketTimeoutException) {
        return "no answer within " + CONNECT_TIMEOUT_SECONDS + "s";
      }
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.lines().findFirst().orElse(message);
  }

  private static RelevoException unavailable(String message) {
    return new RelevoException(RelevoException.Kind.UNAVAILABLE, message);
  }
}
