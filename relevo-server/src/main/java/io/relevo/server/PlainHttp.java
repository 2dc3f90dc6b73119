package io.relevo.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * HTTP clients that start fast. {@link HttpClient#newBuilder()} asks for the default {@link
 * SSLContext} even for plain {@code http://}, which reads and parses the JDK's ~150 trusted CA
 * certificates: about 60 ms of CPU at every {@code relevo status}. A client of an {@code http://}
 * URL gets a TLS context that trusts nothing instead, which costs nothing and is never used.
 */
final class PlainHttp {

  private PlainHttp() {}

  /**
   * A builder for a client of {@code url}: the JDK's default TLS context for https, none for http.
   */
  static HttpClient.Builder builderFor(URI url) {
    HttpClient.Builder builder = HttpClient.newBuilder();
    if ("http".equalsIgnoreCase(url.getScheme())) {
      builder.sslContext(trustingNothing());
    }
    return builder;
  }

  private static SSLContext trustingNothing() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(new KeyManager[0], new TrustManager[0], null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no TLS implementation", e);
    }
  }
}
