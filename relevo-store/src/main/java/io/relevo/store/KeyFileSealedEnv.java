package io.relevo.store;

import io.relevo.core.RelevoException;
import io.relevo.core.store.SealedEnv;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals with AES-256-GCM under a key kept in the state dir ({@code env.key}, mode 0600, created on
 * first use). A sealed value is {@code v1:} and the Base64 of a fresh 12-byte nonce followed by the
 * ciphertext and its tag; the plain text is one {@code name:value} line per variable, both Base64.
 */
final class KeyFileSealedEnv implements SealedEnv {

  private static final String PREFIX = "v1:";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final Base64.Encoder B64 = Base64.getEncoder();
  private static final Base64.Decoder UNB64 = Base64.getDecoder();

  private final Path keyFile;
  private final SecretKey key;
  private final SecureRandom random = new SecureRandom();

  private KeyFileSealedEnv(Path keyFile, SecretKey key) {
    this.keyFile = keyFile;
    this.key = key;
  }

  /** Reads the key at {@code keyFile}, creating it (mode 0600) when it does not exist. */
  static KeyFileSealedEnv open(Path keyFile) {
    try {
      Files.createDirectories(keyFile.toAbsolutePath().getParent());
      if (!Files.exists(keyFile)) {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        try {
          Files.createFile(
              keyFile,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
          Files.writeString(keyFile, B64.encodeToString(fresh) + "\n");
        } catch (FileAlreadyExistsException raced) {
          // Another opener made it first: read theirs.
        } catch (UnsupportedOperationException notPosix) {
          Files.writeString(keyFile, B64.encodeToString(fresh) + "\n");
        }
      }
      byte[] bytes = UNB64.decode(Files.readString(keyFile, StandardCharsets.US_ASCII).strip());
      if (bytes.length != 32) {
        throw new IllegalArgumentException("holds " + bytes.length + " bytes, not 32");
      }
      return new KeyFileSealedEnv(keyFile, new SecretKeySpec(bytes, "AES"));
    } catch (IOException | IllegalArgumentException e) {
      throw new RelevoException(
          RelevoException.Kind.UNAVAILABLE,
          "cannot use the key "
              + keyFile
              + " that seals revisions' environment values: "
              + e.getMessage()
              + "; move it aside to start with a new key (revisions deployed before then are"
              + " restarted with the agent's environment)",
          e);
    }
  }

  @Override
  public String seal(Map<String, String> values) {
    if (values == null || values.isEmpty()) {
      return null;
    }
    StringBuilder plain = new StringBuilder();
    new TreeMap<>(values)
        .forEach(
            (name, value) ->
                plain
                    .append(B64.encodeToString(name.getBytes(StandardCharsets.UTF_8)))
                    .append(':')
                    .append(B64.encodeToString(value.getBytes(StandardCharsets.UTF_8)))
                    .append('\n'));
    try {
      byte[] nonce = new byte[NONCE_BYTES];
      random.nextBytes(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      byte[] ciphertext = cipher.doFinal(plain.toString().getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[NONCE_BYTES + ciphertext.length];
      System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
      System.arraycopy(ciphertext, 0, out, NONCE_BYTES, ciphertext.length);
      return PREFIX + B64.encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JDK", e);
    }
  }

  @Override
  public Map<String, String> open(String ciphertext) {
    try {
      return decrypt(ciphertext);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return Map.of();
    }
  }

  @Override
  public String problem(String ciphertext) {
    try {
      decrypt(ciphertext);
      return "";
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return "its sealed environment values do not open with the key "
          + keyFile
          + " (the key changed, or history was edited)";
    }
  }

  private Map<String, String> decrypt(String ciphertext) throws GeneralSecurityException {
    if (ciphertext == null) {
      return Map.of();
    }
    if (!ciphertext.startsWith(PREFIX)) {
      throw new IllegalArgumentException("not a sealed value");
    }
    byte[] in = UNB64.decode(ciphertext.substring(PREFIX.length()));
    if (in.length <= NONCE_BYTES) {
      throw new IllegalArgumentException("too short");
    }
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
    String plain =
        new String(
            cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : plain.split("\n")) {
      int eq = line.indexOf(':');
      if (eq > 0) {
        values.put(
            new String(UNB64.decode(line.substring(0, eq)), StandardCharsets.UTF_8),
            new String(UNB64.decode(line.substring(eq + 1)), StandardCharsets.UTF_8));
      }
    }
    return values;
  }

  @Override
  public String toString() {
    return "KeyFileSealedEnv[" + keyFile + "]";
  }
}
