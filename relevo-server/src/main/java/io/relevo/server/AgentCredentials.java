package io.relevo.server;

import io.relevo.checks.PlainHttp;
import io.relevo.core.RelevoException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * How the CLI proves itself to an agent and trusts it: a token from {@code --token-file}, else
 * {@code RELEVO_TOKEN}, else the state dir's token file; and, for an agent whose certificate a
 * private CA signed, that CA ({@code --ca-cert}).
 *
 * @param tokenFile a file holding the token; null to use {@code RELEVO_TOKEN} or the state dir's
 * @param caCert PEM certificates to trust besides the JDK's; null for the JDK's alone
 */
public record AgentCredentials(Path tokenFile, Path caCert) {

  /** The token from the environment or the state dir; the JDK's trusted CAs. */
  public static final AgentCredentials DEFAULT = new AgentCredentials(null, null);

  /** The token to send: {@code --token-file}, else {@code RELEVO_TOKEN}, else the state dir's. */
  Optional<String> token(StateDir stateDir, Map<String, String> env) {
    if (tokenFile != null) {
      try {
        return Optional.of(
            checked(Files.readString(tokenFile).strip(), "--token-file " + tokenFile));
      } catch (IOException e) {
        throw new RelevoException(
            RelevoException.Kind.BAD_INPUT,
            "--token-file " + tokenFile + ": cannot read it (" + e.getMessage() + ")");
      }
    }
    String fromEnv = env.get(AgentClient.TOKEN_ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Optional.of(checked(fromEnv.strip(), AgentClient.TOKEN_ENV));
    }
    return stateDir.readToken();
  }

  /** The token, if it can go in a header: one line of visible characters. */
  private static String checked(String token, String source) {
    if (token.isEmpty() || !token.chars().allMatch(c -> c > ' ' && c < 127)) {
      throw new RelevoException(
          RelevoException.Kind.BAD_INPUT,
          source
              + ": "
              + (token.isEmpty() ? "empty" : "not a token (it holds spaces or other lines)")
              + " (expected: the token alone, as `relevo token create` printed it)");
    }
    return token;
  }

  /** An HTTP client that trusts {@link #caCert} alone when given, else the JDK's CAs. */
  HttpClient httpClient(URI url, Duration connectTimeout) {
    // a plain http:// agent sets up no TLS at all: a shorter start for every CLI command
    HttpClient.Builder builder = PlainHttp.builderFor(url).connectTimeout(connectTimeout);
    if (caCert != null) {
      builder.sslContext(trusting(caCert));
    }
    return builder.build();
  }

  /**
   * A context that trusts only the CAs in {@code file}: an agent with a private CA's certificate is
   * reached with that CA, and nothing else vouches for it.
   */
  private static SSLContext trusting(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      Collection<? extends Certificate> cas =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (cas.isEmpty()) {
        throw new RelevoException(
            RelevoException.Kind.BAD_INPUT,
            "--ca-cert " + file + ": holds no certificate (expected: PEM certificates)");
      }
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate ca : cas) {
        store.setCertificateEntry("ca" + i++, ca);
      }
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (IOException e) {
      throw new RelevoException(
          RelevoException.Kind.BAD_INPUT, "--ca-cert " + file + ": cannot read it (" + e + ")");
    } catch (GeneralSecurityException e) {
      throw new RelevoException(
          RelevoException.Kind.BAD_INPUT,
          "--ca-cert " + file + ": not a PEM certificate (" + e.getMessage() + ")");
    }
  }
}
