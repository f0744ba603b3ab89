package io.lathe.plugins.notifier.webhook;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Signs request bodies with HMAC-SHA256 under a shared secret, as {@code sha256=<lowercase hex>}. */
final class Signer {

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    Signer(String secret) {
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("secret is empty");
        }
        this.key = new SecretKeySpec(secret.getBytes(UTF_8), ALGORITHM);
    }

    String sign(byte[] body) {
        try {
            // A Mac is not thread-safe and deliveries run concurrently: one per signature.
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform provides " + ALGORITHM, e);
        }
    }
}
