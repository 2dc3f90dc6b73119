package io.relevo.core.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A PostgreSQL database named by URL: {@code postgresql://user:password@host:port/db} (also {@code
 * postgres://} and {@code jdbc:postgresql://}). The password is kept for the adapter and never
 * shown: {@link #toString()} and {@link #redacted()} print {@code ***} in its place.
 */
public final class DatabaseUrl {

  private static final String EXPECTED =
      "a PostgreSQL URL, like postgresql://user:password@host:5432/db";

  private final String host;
  private final int port;
  private final String database;
  private final String user;
  private final String password;

  public DatabaseUrl(String host, int port, String database, String user, String password) {
    this.host = requireText(host, "host");
    this.database = requireText(database, "database");
    this.user = requireText(user, "user");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port: " + port + " (expected: 1..65535)");
    }
    this.port = port;
    this.password = password == null ? "" : password;
  }

  /** Reads a URL; the exception's message never contains the password. */
  public static DatabaseUrl parse(String text) {
    Objects.requireNonNull(text, "text");
    String trimmed = text.trim();
    String rest = trimmed.startsWith("jdbc:") ? trimmed.substring(5) : trimmed;
    URI uri;
    try {
      uri = new URI(rest);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URL (expected: " + EXPECTED + ")");
    }
    String scheme = uri.getScheme();
    if (!"postgresql".equals(scheme) && !"postgres".equals(scheme)) {
      throw new IllegalArgumentException(
          "scheme "
              + (scheme == null ? "missing" : "\"" + scheme + "\"")
              + " (expected: "
              + EXPECTED
              + ")");
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("no host (expected: " + EXPECTED + ")");
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceFirst("^/", "");
    if (path.isEmpty()) {
      throw new IllegalArgumentException("no database name (expected: " + EXPECTED + ")");
    }
    String userInfo = uri.getRawUserInfo();
    if (userInfo == null || userInfo.isEmpty()) {
      throw new IllegalArgumentException("no user (expected: " + EXPECTED + ")");
    }
    int colon = userInfo.indexOf(':');
    String user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
    String password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
    return new DatabaseUrl(
        uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), decode(path), user, password);
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  public String database() {
    return database;
  }

  public String user() {
    return user;
  }

  /** The password, for the adapter only; empty when the URL has none. */
  public String password() {
    return password;
  }

  /** The same database under another name (a scratch copy for restore drills). */
  public DatabaseUrl withDatabase(String name) {
    return new DatabaseUrl(host, port, name, user, password);
  }

  /** {@code postgresql://user:***@host:port/db}: safe for logs and messages. */
  public String redacted() {
    return "postgresql://"
        + user
        + (password.isEmpty() ? "" : ":***")
        + "@"
        + host
        + ":"
        + port
        + "/"
        + database;
  }

  @Override
  public String toString() {
    return redacted();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DatabaseUrl other
        && host.equals(other.host)
        && port == other.port
        && database.equals(other.database)
        && user.equals(other.user)
        && password.equals(other.password);
  }

  @Override
  public int hashCode() {
    return Objects.hash(host, port, database, user);
  }

  private static String decode(String text) {
    return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static String requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + ": empty (expected: " + EXPECTED + ")");
    }
    return value;
  }
}
