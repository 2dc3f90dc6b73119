package io.relevo.proxy.daemon;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What code a process runs, as a short hash of each entry of its class path with the size and time
 * of the file there. A proxy whose build differs from the agent's runs an older (or newer) relevo.
 */
public final class ProxyBuild {

  private ProxyBuild() {}

  /** This process's build. */
  public static String current() {
    StringBuilder build = new StringBuilder();
    for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
      if (entry.isBlank()) {
        continue;
      }
      Path path = Path.of(entry);
      build.append(entry);
      try {
        if (Files.isRegularFile(path)) {
          build.append('@').append(Files.size(path)).append('/');
          build.append(Files.getLastModifiedTime(path).toMillis());
        }
      } catch (IOException e) {
        // an unreadable entry is named alone
      }
      build.append(';');
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(build.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
