package io.relevo.core.gates;

import io.relevo.core.config.SecretRule;
import java.util.Base64;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * Strong values for the secrets a config names, each passing its own rule: hex secrets get 32
 * random bytes (64 digits), base64 ones 32 bytes URL-safe, the others 32 letters and digits; longer
 * when {@code min_length} or {@code min_entropy} ask for more.
 */
public final class SecretGenerator {

  private static final String ALPHANUMERIC =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private final RandomGenerator random;

  /**
   * @param random a cryptographically strong source, like {@link java.security.SecureRandom}
   */
  public SecretGenerator(RandomGenerator random) {
    this.random = random;
  }

  /** A value for {@code rule} that {@link SecretsGate} accepts. */
  public String generate(SecretRule rule) {
    int length = Math.max(rule.minLength(), 32);
    for (int attempt = 0; attempt < 64; attempt++, length += 8) {
      String value = value(rule.format(), length);
      if (SecretsGate.problems(rule, value).isEmpty()) {
        return value;
      }
    }
    throw new IllegalStateException(
        rule.name() + ": no generated value met its rule (min_entropy too high for its format?)");
  }

  private String value(SecretRule.Format format, int length) {
    return switch (format) {
      case HEX -> HexFormat.of().formatHex(bytes((Math.max(length, 64) + 1) / 2));
      case BASE64 ->
          Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(length * 3 / 4 + 1));
      case ANY -> {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
          out.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
        }
        yield out.toString();
      }
    };
  }

  private byte[] bytes(int n) {
    byte[] bytes = new byte[n];
    random.nextBytes(bytes);
    return bytes;
  }
}
