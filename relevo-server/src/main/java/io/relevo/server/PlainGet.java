package io.relevo.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.time.Duration;

/**
 * One GET to a plain {@code http://} agent through {@link HttpURLConnection}: the CLI's read
 * commands ({@code relevo status}, history) make a single loopback call, for which {@code
 * java.net.http}'s selector thread, executor and ~280 classes cost more than the call itself. Like
 * the agent client's {@code HttpClient}, it goes to the agent directly (no proxy).
 */
final class PlainGet {

  /** The agent's answer: its status code and its whole body. */
  record Answer(int status, byte[] body) {
    Answer {
      if (status < 100 || status > 999) {
        throw new IllegalArgumentException("an HTTP status has three digits, got " + status);
      }
      body = body.clone();
    }
  }

  /** Thrown when no connection could be made (refused, or not within the connect timeout). */
  static final class NotConnected extends IOException {
    NotConnected(IOException cause) {
      super(cause.getMessage(), cause);
    }
  }

  private PlainGet() {}

  /** Whether {@code url} is one that this class can call. */
  static boolean handles(URI url) {
    return "http".equalsIgnoreCase(url.getScheme());
  }

  static Answer get(URI uri, String token, Duration connectTimeout, Duration readTimeout)
      throws IOException {
    HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
    connection.setConnectTimeout((int) connectTimeout.toMillis());
    connection.setReadTimeout((int) readTimeout.toMillis());
    connection.setRequestProperty("Authorization", "Bearer " + token);
    connection.setUseCaches(false);
    try {
      connection.connect();
    } catch (IOException e) {
      throw new NotConnected(e);
    }
    try {
      int status = connection.getResponseCode();
      InputStream body = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
      if (body == null) {
        return new Answer(status, new byte[0]);
      }
      try (body) {
        return new Answer(status, body.readAllBytes());
      }
    } finally {
      connection.disconnect();
    }
  }
}
