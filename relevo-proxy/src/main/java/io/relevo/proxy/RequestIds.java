package io.relevo.proxy;

import java.util.concurrent.ThreadLocalRandom;

/** Request ids for requests that came without one: 32 hex digits, cheap to make on an event loop. */
final class RequestIds {

  private RequestIds() {}

  /**
   * A random 128-bit id. ThreadLocalRandom rather than UUID.randomUUID: the id only has to be unique
   * enough to follow one request through logs, and SecureRandom would contend across event loops.
   */
  static String next() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    String high = Long.toHexString(random.nextLong());
    String low = Long.toHexString(random.nextLong());
    return "0".repeat(16 - high.length()) + high + "0".repeat(16 - low.length()) + low;
  }
}
