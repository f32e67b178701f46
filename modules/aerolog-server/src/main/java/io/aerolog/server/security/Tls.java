package io.aerolog.server.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A listener's TLS: its certificate chain and private key (PEM files; the key unencrypted PKCS#8, as
 * {@code openssl pkcs8 -topk8 -nocrypt} writes it), the certificate authorities it trusts for client
 * certificates (PEM, optional), whether it asks clients for a certificate, and the name clients verify
 * its certificate against (Aerospike's {@code tls-name}). Loaded once at start: a file that does not read
 * stops the node with the file's name.
 */
public record Tls(Path certFile, Path keyFile, Path caFile, ClientAuth clientAuth, String name) {
    /** Whether a client must present a certificate: not asked, asked, or required. */
    public enum ClientAuth { NONE, OPTIONAL, REQUIRED }

    private static final Pattern PEM_KEY = Pattern.compile(
            "-----BEGIN ([A-Z ]*)PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END \\1PRIVATE KEY-----");
    private static final char[] NO_PASSWORD = new char[0];

    public Tls {
        if (certFile == null || keyFile == null) {
            throw new IllegalArgumentException("TLS needs certFile and keyFile (PEM)");
        }
        if (clientAuth == null) {
            clientAuth = ClientAuth.NONE;
        }
        if (clientAuth != ClientAuth.NONE && caFile == null) {
            throw new IllegalArgumentException("TLS clientAuth " + clientAuth + " needs caFile: the authorities whose"
                    + " client certificates are trusted");
        }
    }

    /** The key managers of this node's certificate and key. */
    public KeyManagerFactory keyManagers() {
        try {
            List<X509Certificate> chain = certificates(certFile);
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("TLS certFile " + certFile + " holds no certificate");
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("node", privateKey(keyFile), NO_PASSWORD, chain.toArray(new Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, NO_PASSWORD);
            return kmf;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("TLS certFile " + certFile + " and keyFile " + keyFile
                    + " do not make a key: " + e.getMessage(), e);
        }
    }

    /** The trust managers of {@code caFile}, or null when there is none (the JDK's default authorities). */
    public TrustManagerFactory trustManagers() {
        if (caFile == null) {
            return null;
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int i = 0;
            for (X509Certificate ca : certificates(caFile)) {
                store.setCertificateEntry("ca-" + i++, ca);
            }
            if (i == 0) {
                throw new IllegalArgumentException("TLS caFile " + caFile + " holds no certificate");
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            return tmf;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("TLS caFile " + caFile + " does not read: " + e.getMessage(), e);
        }
    }

    /**
     * A JDK context of this node's certificate and {@code caFile}: it serves HTTPS, and makes this node's own
     * calls to other nodes, presenting its certificate (for listeners that require one) and trusting
     * {@code caFile}, or the JDK's authorities when there is none.
     */
    public SSLContext context() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            TrustManagerFactory tmf = trustManagers();
            ctx.init(keyManagers().getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available: " + e.getMessage(), e);
        }
    }

    private static List<X509Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> all = factory.generateCertificates(in);
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : all) {
                out.add((X509Certificate) c);
            }
            return out;
        }
    }

    private static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        Matcher m = PEM_KEY.matcher(pem);
        if (!m.find()) {
            throw new GeneralSecurityException("keyFile " + file + " holds no PEM private key");
        }
        if (!m.group(1).isEmpty()) {
            throw new GeneralSecurityException("keyFile " + file + " holds a '" + m.group(1).trim() + " PRIVATE KEY':"
                    + " convert it to unencrypted PKCS#8 ('BEGIN PRIVATE KEY') with openssl pkcs8 -topk8 -nocrypt");
        }
        byte[] der = Base64.getMimeDecoder().decode(m.group(2));
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519", "Ed448"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // not this algorithm's key: try the next
            }
        }
        throw new GeneralSecurityException("keyFile " + file + " is not an RSA, EC or EdDSA PKCS#8 key");
    }
}
