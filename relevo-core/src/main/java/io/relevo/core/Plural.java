package io.relevo.core;

/** Counted nouns for messages people read: {@code 1 request}, {@code 2 requests}. */
public final class Plural {

  private Plural() {}

  /** {@code count(1, "request")} is {@code 1 request}; any other count adds an s. */
  public static String count(long n, String singular) {
    return count(n, singular, singular + "s");
  }

  /** For nouns whose plural is not the singular and an s: {@code count(2, "entry", "entries")}. */
  public static String count(long n, String singular, String plural) {
    return n + " " + (n == 1 ? singular : plural);
  }
}
