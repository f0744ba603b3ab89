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
import java.util.Optional;

/**
 * On the first start (no user yet) creates the user {@code admin} with a password and an API token, and hands both
 * over the way Jenkins hands out its first password: in files only the server's user can read.
 */
@ApplicationScoped
public class InitialAdmin {

    public static final String USERNAME = "admin";
    static final String TOKEN_FILE = "initial-admin-token";
    static final String PASSWORD_FILE = "initial-admin-password";

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
        Path tokenFile = settings.secretsDirectory().resolve(TOKEN_FILE);
        long users = entityManager.createQuery("SELECT COUNT(u) FROM User u", Long.class).getSingleResult();
        if (users == 0) {
            long now = System.currentTimeMillis();
            User admin = new User(Ids.newId(), USERNAME, User.Role.ADMIN, now);
            String password = PasswordHasher.newPassword();
            admin.setPassword(password);
            String secret = TokenSecrets.newSecret();
            entityManager.persist(admin);
            entityManager.persist(new ApiToken(Ids.newId(), admin, "initial", TokenSecrets.hash(secret), now, null));
            writeOwnerOnly(tokenFile, secret + "\n");
            writeOwnerOnly(tokenFile.resolveSibling(PASSWORD_FILE), password + "\n");
        }
        return Files.exists(tokenFile) ? Optional.of(tokenFile) : Optional.empty();
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
