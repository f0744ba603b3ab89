package io.lathe.server.accounts;

import io.lathe.server.auth.ApiToken;
import io.lathe.server.auth.PasswordHasher;
import io.lathe.server.auth.TokenSecrets;
import io.lathe.server.auth.User;
import io.lathe.server.platform.Ids;
import io.lathe.server.platform.LatheSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;

/**
 * On the first start (no user yet) creates the user {@code admin} with a password and an API token, and hands both
 * over the way Jenkins hands out its first password: in files only the server's user can read. The token expires 24
 * hours later unless it is used, and its file is deleted once an admin signs in or makes another token.
 */
@ApplicationScoped
public class InitialAdmin {

    public static final String USERNAME = "admin";
    static final String PASSWORD_FILE = "initial-admin-password";
    /** How long the first admin's token works if nobody uses it; its first use lifts the limit. */
    static final Duration UNUSED_TOKEN_LIFETIME = Duration.ofHours(24);

    @PersistenceContext(unitName = "lathe")
    private EntityManager entityManager;

    @Inject
    LatheSettings settings;

    /**
     * Creates the admin if there is no user yet.
     *
     * @return the token file, when it exists (made now or on an earlier first start and not yet removed)
     */
    @Transactional
    public Optional<Path> ensure() {
        Path tokenFile = settings.initialAdminTokenFile();
        long users = entityManager.createQuery("SELECT COUNT(u) FROM User u", Long.class).getSingleResult();
        if (users == 0) {
            long now = System.currentTimeMillis();
            User admin = new User(Ids.newId(), USERNAME, User.Role.ADMIN, now);
            String password = PasswordHasher.newPassword();
            admin.setPassword(password);
            String secret = TokenSecrets.newSecret();
            entityManager.persist(admin);
            entityManager.persist(ApiToken.expiringUnlessUsed(Ids.newId(), admin, "initial", TokenSecrets.hash(secret),
                    now, now + UNUSED_TOKEN_LIFETIME.toMillis()));
            writeOwnerOnly(tokenFile, secret + "\n");
            writeOwnerOnly(tokenFile.resolveSibling(PASSWORD_FILE), password + "\n");
        }
        return Files.exists(tokenFile) ? Optional.of(tokenFile) : Optional.empty();
    }

    /**
     * Deletes the token file once an admin signed in or made a token of their own: the token has been picked up
     * (or is no longer needed), and a copy on disk is one more thing a backup or a careless reader can leak.
     */
    public void handedOver() {
        try {
            Files.deleteIfExists(settings.initialAdminTokenFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the first admin's token file", e);
        }
    }

    private static void writeOwnerOnly(Path file, String text) {
        try {
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(temporary);
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
