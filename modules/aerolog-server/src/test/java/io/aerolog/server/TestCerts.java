package io.aerolog.server;

import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
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
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority made for a test, and certificates it signs, written as PEM files the way an
 * operator would have them (certificate chains, unencrypted PKCS#8 keys): a node certificate named
 * {@value #TLS_NAME} (also valid for 127.0.0.1 and localhost) and a client certificate. Made with
 * BouncyCastle; the JDK's contexts for the test's own clients come with it.
 */
final class TestCerts {
    static final String TLS_NAME = "aerolog-test";
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    final Path dir;
    final Path caFile;
    final Path nodeCert;
    final Path nodeKey;
    final Path clientCert;
    final Path clientKey;
    private final X509Certificate ca;
    private final X509Certificate client;
    private final PrivateKey clientPrivate;

    private TestCerts(Path dir, X509Certificate ca, X509Certificate client, PrivateKey clientPrivate) {
        this.dir = dir;
        this.caFile = dir.resolve("ca.pem");
        this.nodeCert = dir.resolve("node.pem");
        this.nodeKey = dir.resolve("node.key");
        this.clientCert = dir.resolve("client.pem");
        this.clientKey = dir.resolve("client.key");
        this.ca = ca;
        this.client = client;
        this.clientPrivate = clientPrivate;
    }

    /** A new authority, a node certificate and a client certificate, in files under {@code dir}. */
    static TestCerts make(Path dir) throws Exception {
        Files.createDirectories(dir);
        KeyPair caKeys = keys();
        X500Name caName = new X500Name("CN=Aerolog Test CA");
        X509Certificate ca = sign(caName, caKeys, caName, caKeys.getPublic(), true, null);
        KeyPair nodeKeys = keys();
        X509Certificate node = sign(caName, caKeys, new X500Name("CN=" + TLS_NAME), nodeKeys.getPublic(), false,
                new GeneralNames(new GeneralName[] {new GeneralName(GeneralName.dNSName, TLS_NAME),
                        new GeneralName(GeneralName.dNSName, "localhost"),
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
        KeyPair clientKeys = keys();
        X509Certificate client = sign(caName, caKeys, new X500Name("CN=aerolog-test-client"), clientKeys.getPublic(),
                false, null);
        TestCerts certs = new TestCerts(dir, ca, client, clientKeys.getPrivate());
        Files.writeString(certs.caFile, pem(ca));
        Files.writeString(certs.nodeCert, pem(node) + pem(ca));
        Files.writeString(certs.nodeKey, pem(new JcaPKCS8Generator(nodeKeys.getPrivate(), null).generate()));
        Files.writeString(certs.clientCert, pem(client) + pem(ca));
        Files.writeString(certs.clientKey, pem(new JcaPKCS8Generator(clientKeys.getPrivate(), null).generate()));
        return certs;
    }

    private static KeyPair keys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    private static X509Certificate sign(X500Name issuer, KeyPair issuerKeys, X500Name subject,
                                        java.security.PublicKey key, boolean authority, GeneralNames names)
            throws Exception {
        Instant now = Instant.now();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), subject, key);
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
        if (authority) {
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        }
        if (names != null) {
            b.addExtension(Extension.subjectAlternativeName, false, names);
        }
        ContentSigner signer = new JcaContentSignerBuilder("SHA256withRSA").build(issuerKeys.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(b.build(signer));
    }

    private static String pem(Object o) throws Exception {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(o);
        }
        return out.toString();
    }

    /** A client context trusting the test authority, presenting the client certificate when {@code withCertificate}. */
    SSLContext clientContext(boolean withCertificate) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (withCertificate) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("client", clientPrivate, new char[0], new X509Certificate[] {client, ca});
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, new char[0]);
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }
}
