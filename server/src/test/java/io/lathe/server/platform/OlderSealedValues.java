package io.lathe.server.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Values sealed as servers before the binding to a place sealed them ({@code v1:}: AES-GCM under the master key, no
 * associated data), made here from the key file as those servers did, so tests can store what they stored.
 */
public final class OlderSealedValues {

    private OlderSealedValues() {
    }

    /** {@code plaintext} sealed in the {@code v1:} form with the key in {@code secretsDirectory/master.key}. */
    public static String v1(Path secretsDirectory, String plaintext) {
        try {
            byte[] key = Base64.getDecoder().decode(Files.readString(secretsDirectory.resolve("master.key")).trim());
            byte[] nonce = new byte[12];
            new java.security.SecureRandom().nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return "v1:" + Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
