package io.relevo.server;

import io.relevo.core.RelevoException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * The server's TLS identity from PEM files: the JDK reads the certificates, BouncyCastle the key in
 * whichever form openssl wrote it. Checks that the key belongs to the certificate by signing with
 * one and verifying with the other, so a mismatch is a clear message at start rather than failed
 * handshakes later.
 */
final class PemIdentity {

  private static final char[] NO_PASSWORD = new char[0];

  private PemIdentity() {}

  /**
   * An SSL context serving the certificate chain and key of {@code tls}.
   *
   * @throws RelevoException BAD_INPUT naming the file and what is wrong with it
   */
  static SSLContext serverContext(ApiTls tls) {
    X509Certificate[] chain = certificates(tls.cert());
    PrivateKey key = privateKey(tls.key());
    requireMatch(chain[0], key, tls);
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("api", key, NO_PASSWORD, chain);
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, NO_PASSWORD);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw bad("--api-tls-key", tls.key(), "cannot be used for TLS: " + e.getMessage());
    }
  }

  /** The certificates of a PEM file, first the server's own. */
  static X509Certificate[] certificates(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      var certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certificates.isEmpty()) {
        throw bad("--api-tls-cert", file, "holds no certificate");
      }
      return certificates.stream().map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
    } catch (IOException e) {
      throw bad("--api-tls-cert", file, "cannot be read: " + e);
    } catch (GeneralSecurityException e) {
      throw bad("--api-tls-cert", file, "is not a PEM certificate: " + e.getMessage());
    }
  }

  private static PrivateKey privateKey(Path file) {
    Object pem;
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(reader)) {
      pem = parser.readObject();
    } catch (IOException e) {
      throw bad("--api-tls-key", file, "cannot be read as PEM: " + e.getMessage());
    }
    PrivateKeyInfo info =
        switch (pem) {
          case PEMKeyPair pair -> pair.getPrivateKeyInfo();
          case PrivateKeyInfo plain -> plain;
          case PEMEncryptedKeyPair ignored -> throw encrypted(file);
          case PKCS8EncryptedPrivateKeyInfo ignored -> throw encrypted(file);
          case null -> throw bad("--api-tls-key", file, "holds no PEM private key");
          default ->
              throw bad(
                  "--api-tls-key",
                  file,
                  "holds a " + pem.getClass().getSimpleName() + ", not a private key");
        };
    try {
      return new JcaPEMKeyConverter().getPrivateKey(info);
    } catch (IOException e) {
      throw bad("--api-tls-key", file, "is a key of an unknown type: " + e.getMessage());
    }
  }

  private static void requireMatch(X509Certificate cert, PrivateKey key, ApiTls tls) {
    String algorithm =
        switch (key.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          default -> key.getAlgorithm(); // Ed25519, Ed448 sign as themselves
        };
    byte[] probe = "relevo".getBytes(StandardCharsets.US_ASCII);
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(cert.getPublicKey());
      verifier.update(probe);
      if (verifier.verify(signature)) {
        return;
      }
    } catch (GeneralSecurityException e) {
      // a key of another type than the certificate's: reported below
    }
    throw bad(
        "--api-tls-key",
        tls.key(),
        "does not belong to the certificate in " + tls.cert() + " (" + subject(cert) + ")");
  }

  /** The certificate's subject, for log lines and messages. */
  static String subject(Certificate cert) {
    return cert instanceof X509Certificate x
        ? x.getSubjectX500Principal().getName() + ", valid until " + x.getNotAfter().toInstant()
        : cert.getType();
  }

  private static RelevoException encrypted(Path file) {
    return bad(
        "--api-tls-key",
        file,
        "is encrypted (expected: an unencrypted key, readable only by the agent's user; decrypt"
            + " it with `openssl pkey -in KEY -out PLAIN.pem`)");
  }

  private static RelevoException bad(String option, Path file, String what) {
    return new RelevoException(RelevoException.Kind.BAD_INPUT, option + " " + file + ": " + what);
  }
}
