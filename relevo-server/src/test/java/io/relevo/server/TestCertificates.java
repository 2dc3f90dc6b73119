package io.relevo.server;

import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A private CA and a server certificate it signed for {@code 127.0.0.1}, {@code localhost} and any
 * other addresses asked for, written as PEM files the way {@code openssl genpkey} writes them (the
 * key as PKCS#8 {@code PRIVATE KEY}).
 *
 * @param caCert the CA's certificate, for {@code --ca-cert}
 * @param cert the server's certificate, for {@code --api-tls-cert}
 * @param key the server's private key, for {@code --api-tls-key}
 */
record TestCertificates(Path caCert, Path cert, Path key) {

  static TestCertificates create(Path dir, String... extraAddresses) throws Exception {
    KeyPair caKeys = ecKeys();
    X500Name caName = new X500Name("CN=relevo test CA");
    X509Certificate ca =
        sign(
            new JcaX509v3CertificateBuilder(
                    caName, BigInteger.ONE, from(), until(), caName, caKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .addExtension(
                    Extension.keyUsage,
                    true,
                    new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)),
            caKeys);
    KeyPair serverKeys = ecKeys();
    X509Certificate server =
        sign(
            new JcaX509v3CertificateBuilder(
                    caName,
                    BigInteger.TWO,
                    from(),
                    until(),
                    new X500Name("CN=relevo agent"),
                    serverKeys.getPublic())
                .addExtension(
                    Extension.subjectAlternativeName,
                    false,
                    new GeneralNames(names(extraAddresses))),
            caKeys);
    TestCertificates files =
        new TestCertificates(
            dir.resolve("ca.pem"), dir.resolve("agent.pem"), dir.resolve("agent.key"));
    pem(files.caCert(), ca);
    pem(files.cert(), server);
    pem(files.key(), new JcaPKCS8Generator(serverKeys.getPrivate(), null));
    return files;
  }

  private static GeneralName[] names(String... extraAddresses) {
    List<GeneralName> names = new ArrayList<>();
    names.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
    names.add(new GeneralName(GeneralName.dNSName, "localhost"));
    for (String address : extraAddresses) {
      names.add(new GeneralName(GeneralName.iPAddress, address));
    }
    return names.toArray(GeneralName[]::new);
  }

  /** A key that belongs to no certificate here. */
  static Path strayKey(Path dir) throws Exception {
    Path file = dir.resolve("stray.key");
    pem(file, new JcaPKCS8Generator(ecKeys().getPrivate(), null));
    return file;
  }

  private static KeyPair ecKeys() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer)
      throws OperatorCreationException, GeneralSecurityException {
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
  }

  private static Date from() {
    return Date.from(Instant.now().minus(Duration.ofHours(1)));
  }

  private static Date until() {
    return Date.from(Instant.now().plus(Duration.ofDays(1)));
  }

  private static void pem(Path file, Object value) throws IOException {
    try (Writer out = Files.newBufferedWriter(file);
        JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(value);
    }
  }
}
