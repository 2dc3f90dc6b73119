package io.relevo.server;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.relevo.core.RelevoException;
import io.relevo.core.config.HostPort;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import javax.net.ssl.SSLContext;

/**
 * Opens the admin API's socket: plain HTTP on a loopback address, HTTPS anywhere. A bind beyond
 * loopback without TLS is refused, since tokens would cross the network in clear text.
 */
final class ApiListener {

  private ApiListener() {}

  /**
   * A bound server, not started.
   *
   * @throws RelevoException BAD_INPUT for a non-loopback address without TLS, unusable TLS files or
   *     a port that another process holds; UNAVAILABLE when the port cannot be used otherwise
   */
  static HttpServer open(HostPort bind, ApiTls tls) {
    SSLContext context = check(bind, tls);
    InetSocketAddress socket = new InetSocketAddress(resolve(bind), bind.port());
    try {
      if (context == null) {
        return HttpServer.create(socket, 64);
      }
      HttpsServer server = HttpsServer.create(socket, 64);
      server.setHttpsConfigurator(new HttpsConfigurator(context));
      return server;
    } catch (IOException e) {
      if (PortInUse.causedBy(e)) {
        throw PortInUse.of("--api", bind, "--api", e);
      }
      throw new RelevoException(
          RelevoException.Kind.UNAVAILABLE,
          "--api: cannot listen on "
              + bind
              + ": "
              + e.getMessage()
              + " (pick another address with --api)",
          e);
    }
  }

  /**
   * Checks that {@code bind} and {@code tls} go together and the TLS files are usable, before
   * anything is started; returns the SSL context, or null for plain HTTP.
   *
   * @throws RelevoException BAD_INPUT as {@link #open} does
   */
  static SSLContext check(HostPort bind, ApiTls tls) {
    InetAddress address = resolve(bind);
    if (!address.isLoopbackAddress() && !tls.enabled()) {
      throw new RelevoException(
          RelevoException.Kind.BAD_INPUT,
          "--api: "
              + bind
              + " is beyond this host, where tokens would cross the network in clear text"
              + " (expected: TLS with --api-tls-cert FILE and --api-tls-key FILE, PEM; or a"
              + " loopback address like 127.0.0.1:7070)");
    }
    return tls.enabled() ? PemIdentity.serverContext(tls) : null;
  }

  /**
   * Where a client on this host reaches the API at {@code url}: a wildcard bind ({@code 0.0.0.0},
   * {@code ::}) as {@code 127.0.0.1}, which a certificate can name; any other address as it is.
   */
  static URI localUrl(URI url) {
    String host = url.getHost();
    boolean wildcard =
        host.equals("0.0.0.0") || host.replaceAll("[\\[\\]0:]", "").isEmpty(); // [::] in any form
    return wildcard ? URI.create(url.getScheme() + "://127.0.0.1:" + url.getPort()) : url;
  }

  private static InetAddress resolve(HostPort bind) {
    try {
      return InetAddress.getByName(bind.host());
    } catch (IOException e) {
      throw new RelevoException(
          RelevoException.Kind.BAD_INPUT,
          "--api: "
              + bind
              + ": unknown host (expected: an address of this host, like 127.0.0.1:7070)");
    }
  }
}
