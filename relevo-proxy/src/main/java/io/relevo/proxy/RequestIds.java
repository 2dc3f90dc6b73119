package io.relevo.proxy;

import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids for requests that came without one: 32 hex digits, cheap to make on an event loop.
 */
final class RequestIds {

  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private RequestIds() {}

  /**
   * A random 128-bit id. ThreadLocalRandom rather than UUID.randomUUID: the id only has to be
   * unique enough to follow one request through logs, and SecureRandom would contend across event
   * loops. Written digit by digit into one array that the AsciiString wraps without a copy, since
   * this runs for every request.
   */
  static AsciiString next() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    byte[] digits = new byte[32];
    hex(random.nextLong(), digits, 0);
    hex(random.nextLong(), digits, 16);
    return new AsciiString(digits, false);
  }

  private static void hex(long value, byte[] into, int offset) {
    for (int i = 15; i >= 0; i--) {
      into[offset + i] = HEX[(int) (value & 0xF)];
      value >>>= 4;
    }
  }
}
