package net.metacircular.mcq.http;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
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
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/**
 * Loads the server certificate chain and private key (PEM) into an
 * {@link SSLContext} that both the HTTP and the gRPC listeners use, and
 * builds the client context that trusts a private CA (for MCIAS, and for the
 * command-line clients talking to MCQ). Certificates are read at start only;
 * rotating them means a restart.
 */
public final class TlsContexts {

    private TlsContexts() {
    }

    public static KeyManagerFactory keyManagers(Path certFile, Path keyFile) {
        try {
            List<Certificate> chain;
            try (InputStream in = Files.newInputStream(certFile)) {
                chain = List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
            }
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("no certificate in " + certFile);
            }
            PrivateKey key = readPrivateKey(keyFile);
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("mcq", key, new char[0], chain.toArray(Certificate[]::new));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, new char[0]);
            return factory;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot load TLS certificate " + certFile + " and key " + keyFile
                    + ": " + e.getMessage(), e);
        }
    }

    public static SSLContext serverContext(Path certFile, Path keyFile) {
        try {
            SSLContext context = SSLContext.getInstance("TLSv1.3");
            context.init(keyManagers(certFile, keyFile).getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS 1.3 is not available in this Java runtime", e);
        }
    }

    /** Reads an unencrypted PKCS#8 key ({@code BEGIN PRIVATE KEY}) of any common algorithm. */
    private static PrivateKey readPrivateKey(Path keyFile) throws IOException, GeneralSecurityException {
        String pem = Files.readString(keyFile, StandardCharsets.US_ASCII);
        if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new IllegalArgumentException("the key must be an unencrypted PKCS#8 PEM (\"BEGIN PRIVATE KEY\"); "
                    + "convert it with: openssl pkcs8 -topk8 -nocrypt -in old.pem -out key.pem");
        }
        String base64 = pem.substring(pem.indexOf("-----BEGIN PRIVATE KEY-----") + 27, pem.indexOf("-----END PRIVATE KEY-----"))
                .replaceAll("\\s", "");
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64));
        GeneralSecurityException last = null;
        for (String algorithm : List.of("EC", "RSA", "Ed25519", "EdDSA")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw last;
    }

    /**
     * A client context trusting the system's CAs plus the CA certificates
     * (PEM) in {@code caCert}, for services behind a private CA.
     *
     * @throws IllegalArgumentException when the file cannot be read or parsed
     */
    public static SSLContext clientContextTrusting(Path caCert) {
        try (InputStream in = Files.newInputStream(caCert)) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            TrustManagerFactory defaults = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            defaults.init((KeyStore) null);
            int i = 0;
            for (var manager : defaults.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    for (var issuer : x509.getAcceptedIssuers()) {
                        trust.setCertificateEntry("system-" + i++, issuer);
                    }
                }
            }
            int added = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("private-ca-" + i++, certificate);
                added++;
            }
            if (added == 0) {
                throw new java.security.cert.CertificateException("no certificate in the file");
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot load CA certificate " + caCert + ": " + e.getMessage(), e);
        }
    }
}
