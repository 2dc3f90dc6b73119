package io.relevo.server;

import java.nio.file.Path;

/**
 * The admin API's TLS: a certificate chain and its private key, PEM files. Without them ({@link
 * #OFF}) the API speaks plain HTTP and listens on loopback only.
 *
 * @param cert the certificate, then any intermediates ({@code --api-tls-cert})
 * @param key its private key, unencrypted: PKCS#8, PKCS#1 (RSA) or SEC1 (EC) ({@code
 *     --api-tls-key})
 */
public record ApiTls(Path cert, Path key) {

  /** Plain HTTP, on loopback only. */
  public static final ApiTls OFF = new ApiTls(null, null);

  public ApiTls {
    if ((cert == null) != (key == null)) {
      throw new io.relevo.core.RelevoException(
          io.relevo.core.RelevoException.Kind.BAD_INPUT,
          (cert == null ? "--api-tls-cert" : "--api-tls-key")
              + ": missing (expected: both --api-tls-cert FILE and --api-tls-key FILE, PEM)");
    }
  }

  public boolean enabled() {
    return cert != null;
  }
}
