package io.lathe.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Date;

/**
 * The certificates the server trusts for outgoing TLS (object stores, inputs fetched over HTTPS, webhooks): the Java
 * runtime's own store, which is kept current with the runtime, less the certificates that have expired. Payara Micro
 * would otherwise use the copy it bundles, which is older, and warn at every start about each expired certificate in
 * it. An administrator's own {@code -Djavax.net.ssl.trustStore} is left as it is.
 */
final class TrustStore {

    static final String PROPERTY = "javax.net.ssl.trustStore";
    /** Payara opens its trust store with its master password, which is this one unless changed. */
    private static final char[] PASSWORD = "changeit".toCharArray();

    private TrustStore() {
    }

    static void useCurrentCertificates(Path runtime) throws IOException, GeneralSecurityException {
        if (System.getProperty(PROPERTY) != null) {
            return;
        }
        Path runtimeStore = Path.of(System.getProperty("java.home"), "lib", "security", "cacerts");
        if (!Files.isReadable(runtimeStore)) {
            return;
        }
        KeyStore source;
        try {
            source = KeyStore.getInstance(runtimeStore.toFile(), PASSWORD);
        } catch (IOException wrongPassword) {
            // A store under another password: its certificates are public, read them without the integrity check.
            source = KeyStore.getInstance(runtimeStore.toFile(), (char[]) null);
        }
        KeyStore current = KeyStore.getInstance("PKCS12");
        current.load(null, null);
        Date now = new Date();
        for (String alias : Collections.list(source.aliases())) {
            Certificate certificate = source.getCertificate(alias);
            if (certificate instanceof X509Certificate x509 && x509.getNotAfter().after(now)) {
                current.setCertificateEntry(alias, certificate);
            }
        }
        Path file = runtime.resolve("truststore.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            current.store(out, PASSWORD);
        }
        System.setProperty(PROPERTY, file.toString());
    }
}
