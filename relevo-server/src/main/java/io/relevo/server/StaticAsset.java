package io.relevo.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One file of the dashboard, read once from the classpath.
 *
 * @param bytes its content
 * @param contentType what it is, from its extension
 * @param etag a strong entity tag of its content, quoted
 * @param immutable true for files under a versioned path (the webjar's), cached for a year
 */
record StaticAsset(byte[] bytes, String contentType, String etag, boolean immutable) {

  /** The types the dashboard serves; a file of any other extension is not served. */
  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "svg", "image/svg+xml",
          "png", "image/png",
          "ico", "image/x-icon",
          "json", "application/json",
          "webmanifest", "application/manifest+json");

  StaticAsset {
    Objects.requireNonNull(bytes, "bytes");
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(etag, "etag");
  }

  /** The resource at {@code resource}, or empty when there is none or its type is not served. */
  static Optional<StaticAsset> load(String resource, boolean immutable) {
    String type = TYPES.get(resource.substring(resource.lastIndexOf('.') + 1));
    if (type == null) {
      return Optional.empty();
    }
    try (InputStream in = StaticAsset.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        return Optional.empty();
      }
      byte[] bytes = in.readAllBytes();
      return Optional.of(new StaticAsset(bytes, type, etag(bytes), immutable));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource + " from the classpath", e);
    }
  }

  private static String etag(byte[] bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
