package io.relevo.proxy;

import io.netty.util.AsciiString;
import io.netty.util.concurrent.FastThreadLocal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The header names and the method, version, status and reason words of HTTP heads, decoded once per
 * event loop instead of once per message. Netty's decoder copies each of them out of the buffer
 * into a new object for every request and response; they are the same few dozen tokens over and
 * over (a revision answers with the same header names each time), and these copies were a third of
 * the bytes the proxy allocated per request, which is what sets how often the young collections
 * pause the event loop.
 *
 * <p>Each thread holds a small table of the tokens it saw last, looked up by the bytes themselves
 * (case and all: a name is forwarded as it came). A token that is not in the table is made as Netty
 * makes it and takes the slot, so the table is bounded whatever the traffic; tokens longer than
 * {@link #LONGEST} bytes are never kept. The objects are immutable, so a token in use by one
 * message can be handed to the next.
 */
final class HeadTokens {

  /** Longer tokens are copied each time: the table is for names and short words. */
  static final int LONGEST = 48;

  private static final int NAME_SLOTS = 256;
  private static final int WORD_SLOTS = 64;

  private static final FastThreadLocal<HeadTokens> TABLES =
      new FastThreadLocal<>() {
        @Override
        protected HeadTokens initialValue() {
          return new HeadTokens();
        }
      };

  private final AsciiString[] names = new AsciiString[NAME_SLOTS];
  private final String[] words = new String[WORD_SLOTS];

  private HeadTokens() {}

  /** A table of its own, for tests. */
  static HeadTokens fresh() {
    return new HeadTokens();
  }

  /** The calling thread's table. */
  static HeadTokens ofThisThread() {
    return TABLES.get();
  }

  /** {@code length} bytes from {@code start} as a header name: an {@link AsciiString}. */
  AsciiString name(byte[] bytes, int start, int length) {
    if (length > LONGEST) {
      return new AsciiString(bytes, start, length, true);
    }
    int slot = hash(bytes, start, length) & (NAME_SLOTS - 1);
    AsciiString seen = names[slot];
    if (seen != null
        && Arrays.equals(
            seen.array(),
            seen.arrayOffset(),
            seen.arrayOffset() + seen.length(),
            bytes,
            start,
            start + length)) {
      return seen;
    }
    AsciiString made = new AsciiString(bytes, start, length, true);
    names[slot] = made;
    return made;
  }

  /** {@code length} bytes from {@code start} as a word of an initial line: a Latin-1 String. */
  String word(byte[] bytes, int start, int length) {
    if (length == 0) {
      return "";
    }
    if (length > LONGEST) {
      return latin1(bytes, start, length);
    }
    int slot = hash(bytes, start, length) & (WORD_SLOTS - 1);
    String seen = words[slot];
    if (seen != null && sameChars(seen, bytes, start, length)) {
      return seen;
    }
    String made = latin1(bytes, start, length);
    words[slot] = made;
    return made;
  }

  private static String latin1(byte[] bytes, int start, int length) {
    return new String(bytes, start, length, StandardCharsets.ISO_8859_1);
  }

  private static boolean sameChars(String seen, byte[] bytes, int start, int length) {
    if (seen.length() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (seen.charAt(i) != (char) (bytes[start + i] & 0xFF)) {
        return false;
      }
    }
    return true;
  }

  private static int hash(byte[] bytes, int start, int length) {
    int h = length;
    for (int i = start, end = start + length; i < end; i++) {
      h = 31 * h + bytes[i];
    }
    return h ^ (h >>> 16);
  }
}
