package io.relevo.core.gates;

import java.util.Locale;
import java.util.Set;

/**
 * Values that people leave in a secret by mistake: the defaults of example files and tutorials. A
 * value is a placeholder when, lower-cased and with everything but letters removed, it is one of
 * these words (so {@code ChangeMe123!} and {@code your-secret-here} count), when it still holds a
 * template marker ({@code <...>}, {@code ${...}}, {@code xxx}), or when it repeats one character.
 */
final class Placeholders {

  private static final Set<String> WORDS =
      Set.of(
          "changeme",
          "changeit",
          "changethis",
          "replaceme",
          "password",
          "passwd",
          "pass",
          "secret",
          "secretkey",
          "mysecret",
          "mypassword",
          "supersecret",
          "topsecret",
          "example",
          "examplesecret",
          "yoursecret",
          "yoursecrethere",
          "yourpassword",
          "yourpasswordhere",
          "insertsecrethere",
          "placeholder",
          "default",
          "admin",
          "root",
          "test",
          "testing",
          "dummy",
          "todo",
          "fixme",
          "foo",
          "bar",
          "foobar",
          "qwerty",
          "letmein",
          "abc",
          "abcdef",
          "postgres",
          "redis",
          "jwtsecret",
          "none",
          "null");

  private Placeholders() {}

  /** The reason {@code value} looks like a placeholder, or null when it does not. */
  static String why(String value) {
    String letters = value.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    if (WORDS.contains(letters)) {
      return "a known placeholder";
    }
    if (value.matches("(?s).*(<[^>]*>|\\$\\{[^}]*}|(?i:xxx)).*")) {
      return "still holds a template marker (<...>, ${...} or xxx)";
    }
    if (value.chars().distinct().count() == 1) {
      return "one character repeated";
    }
    return null;
  }
}
