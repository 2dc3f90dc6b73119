package io.relevo.core.config;

import java.util.Locale;
import java.util.Objects;

/**
 * What {@code gates.secrets.NAME} asks of one secret. Every secret must be present, not empty, not
 * a known placeholder and not the same as another named secret; the rest is optional.
 *
 * @param name the environment variable that holds it
 * @param minLength at least this many characters; default 1
 * @param format the characters it must consist of; default {@link Format#ANY}
 * @param minEntropyBits at least this many bits, estimated as length × Shannon entropy per
 *     character of the value itself; default 0 (not checked)
 */
public record SecretRule(String name, int minLength, Format format, double minEntropyBits) {

  public SecretRule {
    Objects.requireNonNull(name, "name");
    format = format == null ? Format.ANY : format;
    if (minLength < 1) {
      throw new IllegalArgumentException("minLength: " + minLength + " (expected: >= 1)");
    }
    if (!(minEntropyBits >= 0) || Double.isInfinite(minEntropyBits)) {
      throw new IllegalArgumentException("minEntropyBits: " + minEntropyBits + " (expected: >= 0)");
    }
  }

  /** The characters a secret may hold. */
  public enum Format {
    ANY("any characters"),
    HEX("hexadecimal digits 0-9, a-f"),
    BASE64("base64 (A-Z, a-z, 0-9, +, /, - or _, optional = padding)");

    private final String description;

    Format(String description) {
      this.description = description;
    }

    /** For messages, like "hexadecimal digits 0-9, a-f". */
    public String description() {
      return description;
    }

    /** True when every character of {@code value} belongs to this format. */
    public boolean matches(String value) {
      return switch (this) {
        case ANY -> true;
        case HEX -> value.matches("[0-9a-fA-F]+");
        case BASE64 -> value.matches("[A-Za-z0-9+/_-]+={0,2}");
      };
    }

    /** The name used in the config, like {@code hex}. */
    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
