package io.lathe.server.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets at rest with AES-256-GCM under a key kept in {@code LATHE_HOME/secrets/master.key} (made on first
 * use, readable by the server's user only). Whoever has the database without that file has no secrets. Every
 * value gets a fresh random nonce and is bound to where it is kept (the associated data of GCM, such as
 * {@code project-variable:<project id>/<name>}): a sealed value copied into another row does not open there. The
 * stored form is {@code v2:} and the Base64 of nonce and ciphertext; values sealed before there was a binding
 * ({@code v1:}) still open anywhere, and are sealed again as {@code v2:} when next written ({@link #isCurrent}).
 */
@ApplicationScoped
public class SecretBox {

    static final String KEY_FILE = "master.key";
    private static final String UNBOUND = "v1:";
    private static final String BOUND = "v2:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    LatheSettings settings;
    @Inject
    Instance<SealedSecrets> holders;

    private volatile SecretKey key;

    /**
     * Refuses to start when secrets are stored but the key file that opens them is gone: a new key would be made on
     * the first use, and every stored secret would stay unreadable for good. Called at start-up, before anything is
     * sealed.
     *
     * @throws StartupFailure naming the file and what it opens
     */
    public void requireKeyForStoredSecrets() {
        Path file = settings.secretsDirectory().resolve(KEY_FILE);
        if (Files.exists(file)) {
            return;
        }
        long sealed = 0;
        List<String> kinds = new ArrayList<>();
        for (SealedSecrets holder : holders) {
            long count = holder.countSealed();
            if (count > 0) {
                sealed += count;
                kinds.add(holder.description());
            }
        }
        if (sealed > 0) {
            throw new StartupFailure("the key file " + file + " is missing, but the database holds " + sealed
                    + " secret" + (sealed == 1 ? "" : "s") + " sealed with it (" + String.join(", ", kinds)
                    + "); restore " + KEY_FILE + " from the backup of LATHE_HOME/secrets it was lost from.", null);
        }
    }

    /** Seals {@code plaintext} for the place named {@code boundTo}: it opens only with the same name. */
    public String encrypt(String plaintext, String boundTo) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return BOUND + Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a secret", e);
        }
    }

    /** Whether {@code stored} looks like a value this class sealed (and not text stored as it was given). */
    public boolean isSealed(String stored) {
        return stored.startsWith(BOUND) || stored.startsWith(UNBOUND);
    }

    /** Whether {@code stored} is sealed in the current form, bound to its place; else it should be sealed again. */
    public boolean isCurrent(String stored) {
        return stored.startsWith(BOUND);
    }

    /**
     * Opens a value sealed for {@code boundTo} (or, in the older form, for anywhere).
     *
     * @throws IllegalStateException when the value was not sealed with this server's key, or for another place
     */
    public String decrypt(String stored, String boundTo) {
        String version = stored.startsWith(BOUND) ? BOUND : stored.startsWith(UNBOUND) ? UNBOUND : null;
        if (version == null) {
            throw new IllegalStateException("not an encrypted value");
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(stored.substring(version.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            if (version.equals(BOUND)) {
                cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
            }
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a secret cannot be decrypted for " + boundTo + ": was " + KEY_FILE
                    + " replaced, or the sealed value copied from another place?", e);
        }
    }

    private SecretKey key() {
        SecretKey current = key;
        if (current == null) {
            synchronized (this) {
                if (key == null) {
                    key = new SecretKeySpec(loadOrCreate(settings.secretsDirectory().resolve(KEY_FILE)), "AES");
                }
                current = key;
            }
        }
        return current;
    }

    private static byte[] loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] fresh = new byte[32];
                RANDOM.nextBytes(fresh);
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, Base64.getEncoder().encodeToString(fresh));
                } catch (FileAlreadyExistsException raced) {
                    // another thread or server made it first: use theirs
                }
            }
            byte[] key = Base64.getDecoder().decode(Files.readString(file).trim());
            if (key.length != 32) {
                throw new IllegalStateException(file + " does not hold a 256-bit key");
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }
}
