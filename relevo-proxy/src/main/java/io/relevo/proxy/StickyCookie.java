package io.relevo.proxy;

import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code relevo_rev} cookie that keeps a client on one revision while the split is sticky. Its
 * value is the revision and a signature ({@code 7.Qx3...}) with a key the proxy draws at start, so
 * a client keeps the revision the split gave it but cannot pick another by writing the cookie
 * itself; a cookie from before a proxy restart no longer verifies and the client is placed anew.
 */
final class StickyCookie {

  static final String NAME = "relevo_rev";
  private static final String ALGORITHM = "HmacSHA256";
  private static final int SIGNATURE_BYTES = 16;

  private final SecretKeySpec key;

  private StickyCookie(byte[] key) {
    this.key = new SecretKeySpec(key, ALGORITHM);
  }

  /** A cookie with a fresh random key. */
  static StickyCookie withRandomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return new StickyCookie(key);
  }

  /** The revision of the request's relevo_rev cookie; -1 when absent or not signed by us. */
  int revision(HttpHeaders headers) {
    String value = RelevoCookies.value(headers, NAME);
    if (value == null) {
      return -1;
    }
    int dot = value.indexOf('.');
    if (dot < 1) {
      return -1;
    }
    int revision;
    try {
      revision = Integer.parseInt(value.substring(0, dot));
    } catch (NumberFormatException e) {
      return -1;
    }
    byte[] expected = sign(revision).getBytes(StandardCharsets.US_ASCII);
    byte[] given = value.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, given) ? revision : -1;
  }

  /** A Set-Cookie value for the whole site, for the browser session. */
  String setCookie(int revision) {
    return NAME + "=" + revision + "." + sign(revision) + "; Path=/; HttpOnly; SameSite=Lax";
  }

  private String sign(int revision) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      byte[] full = mac.doFinal(Integer.toString(revision).getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(java.util.Arrays.copyOf(full, SIGNATURE_BYTES));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
