package io.relevo.checks;

import java.net.URI;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * HTTP clients that start fast. {@link HttpClient#newBuilder()} sets up TLS even for a plain {@code
 * http://} URL: the JDK's TLS provider, its cipher suites and its ~150 trusted CA certificates,
 * about 130 ms of CPU and 570 classes at every {@code relevo status}, and part of the agent's start
 * through the probes' client (measured in docs/STARTUP.md). A client of an {@code http://} URL gets
 * a TLS context that does nothing instead, and fails loudly if anything ever asks it for TLS.
 */
public final class PlainHttp {

  private PlainHttp() {}

  /** A builder for a client of {@code url}: the JDK's TLS for https, none at all for http. */
  public static HttpClient.Builder builderFor(URI url) {
    return "http".equalsIgnoreCase(url.getScheme()) ? builder() : HttpClient.newBuilder();
  }

  /** A builder for a client that only ever calls {@code http://} URLs. */
  public static HttpClient.Builder builder() {
    return HttpClient.newBuilder()
        .sslContext(new SSLContext(new NoTls(), null, "none") {})
        .sslParameters(new SSLParameters());
  }

  /** The TLS of a plain-http client: never used, so every use is a bug. */
  private static final class NoTls extends SSLContextSpi {

    @Override
    protected void engineInit(KeyManager[] keys, TrustManager[] trust, SecureRandom random) {}

    @Override
    protected SSLSocketFactory engineGetSocketFactory() {
      throw unused();
    }

    @Override
    protected SSLServerSocketFactory engineGetServerSocketFactory() {
      throw unused();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine() {
      throw unused();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(String host, int port) {
      throw unused();
    }

    @Override
    protected SSLSessionContext engineGetServerSessionContext() {
      throw unused();
    }

    @Override
    protected SSLSessionContext engineGetClientSessionContext() {
      throw unused();
    }

    private static UnsupportedOperationException unused() {
      return new UnsupportedOperationException("a plain-http client has no TLS");
    }
  }
}
