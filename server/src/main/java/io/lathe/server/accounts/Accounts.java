package io.lathe.server.accounts;

import io.lathe.server.audit.AuditLog;
import io.lathe.server.auth.AccountSettings;
import io.lathe.server.auth.ApiToken;
import io.lathe.server.auth.Caller;
import io.lathe.server.auth.PasswordChecks;
import io.lathe.server.auth.PasswordHasher;
import io.lathe.server.auth.SignInThrottle;
import io.lathe.server.auth.TokenSecrets;
import io.lathe.server.auth.User;
import io.lathe.server.platform.DomainException;
import io.lathe.server.platform.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Users and their API tokens: created and changed by admins, tokens by their owners; every change audited. */
@ApplicationScoped
@Transactional(dontRollbackOn = DomainException.class)
public class Accounts {

    static final int MIN_PASSWORD_LENGTH = 10;
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");

    @PersistenceContext(unitName = "lathe")
    private EntityManager em;

    @Inject
    AuditLog audit;
    @Inject
    AccountSettings settings;
    @Inject
    SignInThrottle throttle;
    @Inject
    PasswordChecks passwordChecks;
    @Inject
    InitialAdmin initialAdmin;

    /** A token just made: the only time its secret is shown. */
    public record NewToken(String id, String name, String token,
            @jakarta.json.bind.annotation.JsonbProperty("expires_at") Instant expiresAt) {
    }

    /** Checked against when a user does not exist, so that a wrong username costs as long as a wrong password. */
    private static final String NO_SUCH_USER_HASH = PasswordHasher.hash("no such user");

    public User createUser(Caller admin, String username, String password, String role) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw DomainException.invalid("invalid-username", "a username is 2 to 64 lowercase letters, digits, "
                    + "'.', '_' or '-', starting with a letter or digit", "username");
        }
        User.Role parsedRole = role(role == null ? "user" : role);
        checkPassword(password);
        if (find(username) != null) {
            throw DomainException.conflict("username-taken", "a user named '" + username + "' exists already");
        }
        User user = new User(Ids.newId(), username, parsedRole, System.currentTimeMillis());
        user.setPassword(password);
        em.persist(user);
        audit.record(admin.username(), "user.create", username, Map.of("role", parsedRole.name().toLowerCase()));
        return user;
    }

    public List<User> users() {
        return em.createQuery("SELECT u FROM User u ORDER BY u.username", User.class).getResultList();
    }

    /**
     * Changes what is given: disabled, a new password, the role. Disabling, a new role or a new password also ends
     * the user's console sessions and revokes all their API tokens, at once: whoever held them must sign in again
     * (and a disabled user cannot).
     */
    public User updateUser(Caller admin, String username, Boolean disabled, String password, String role) {
        User user = require(username);
        // Everything is checked before anything changes: errors commit (for the audit of failed sign-ins).
        User.Role newRole = role == null ? null : role(role);
        if (password != null) {
            checkPassword(password);
        }
        if (user.id().equals(admin.userId()) && (Boolean.TRUE.equals(disabled) || newRole == User.Role.USER)) {
            throw DomainException.conflict("cannot-demote-self", "an admin cannot disable or demote their own account");
        }
        Map<String, Object> before = describe(user);
        boolean disabling = Boolean.TRUE.equals(disabled) && !user.disabled();
        boolean roleChanging = newRole != null && newRole != user.role();
        if (disabled != null) {
            user.setDisabled(disabled);
        }
        if (newRole != null) {
            user.setRole(newRole);
        }
        if (password != null) {
            user.setPassword(password);
        }
        // Whoever holds the user's credentials now must not keep using them with the old rights.
        boolean endsSessions = disabling || roleChanging || password != null;
        int revoked = 0;
        if (endsSessions) {
            user.endSessions();
            revoked = em.createQuery("UPDATE ApiToken t SET t.revokedAt = :now WHERE t.user.id = :u"
                    + " AND t.revokedAt IS NULL").setParameter("now", System.currentTimeMillis())
                    .setParameter("u", user.id()).executeUpdate();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("before", before);
        details.put("after", describe(user));
        details.put("password_reset", password != null);
        details.put("sessions_ended", endsSessions);
        details.put("tokens_revoked", revoked);
        audit.record(admin.username(), "user.update", username, details);
        return user;
    }

    /** Exchanges a username and password for a new token (the API's sign-in). */
    public NewToken signIn(String username, String password, String tokenName, String expires, String address) {
        long now = System.currentTimeMillis();
        Long expiresAt = checkTokenRequest(tokenName, expires, now, longestLifetime(now), null);
        return createToken(authenticate(username, password, "api", address), tokenName, expiresAt);
    }

    /**
     * Checks a username and password, auditing the attempt: a success each time, failures once per window per
     * username with how many there were ({@link SignInThrottle}).
     *
     * @param via where the attempt came from ({@code api}, {@code console}), for the audit trail
     * @param address the client's address, for throttling and the audit trail
     * @throws DomainException 401 {@code wrong-credentials}, the same for every kind of failure; 429
     *     {@code too-many-attempts} after repeated failures, before the password is checked; 503 {@code busy} when
     *     the server is checking too many passwords at once
     */
    public User authenticate(String username, String password, String via, String address) {
        throttle.check(username, address);
        User user = username == null ? null : find(username);
        boolean matches = passwordChecks.run(() -> {
            if (user == null) {
                PasswordHasher.matches(String.valueOf(password), NO_SUCH_USER_HASH);
                return false;
            }
            return user.checkPassword(password);
        });
        if (user == null || user.disabled() || !matches) {
            int unaudited = throttle.failed(username, address);
            if (unaudited > 0) {
                audit.record(null, "sign-in.failed", username, Map.of("via", via, "address", String.valueOf(address),
                        "failures", unaudited));
            }
            throw new DomainException(DomainException.Kind.UNAUTHENTICATED, "wrong-credentials",
                    "wrong username or password, or the account is disabled", null);
        }
        throttle.succeeded(username);
        audit.record(user.username(), "sign-in", user.username(), Map.of("via", via));
        if (user.role() == User.Role.ADMIN) {
            initialAdmin.handedOver();
        }
        return user;
    }

    /**
     * A new token for the caller, living at most {@code LATHE_MAX_TOKEN_DAYS} and never longer than the token the
     * caller used (a leaked token cannot mint itself a longer life).
     */
    public NewToken createToken(Caller caller, String name, String expires) {
        long now = System.currentTimeMillis();
        long longest = longestLifetime(now);
        Long callerExpiry = caller.credentialExpiresAt();
        boolean boundByCaller = callerExpiry != null && callerExpiry < longest;
        Long expiresAt = checkTokenRequest(name, expires, now, boundByCaller ? callerExpiry : longest,
                boundByCaller ? Instant.ofEpochMilli(callerExpiry) : null);
        return createToken(em.find(User.class, caller.userId()), name, expiresAt);
    }

    private long longestLifetime(long now) {
        return now + settings.maxTokenLifetime().toMillis();
    }

    public List<ApiToken> tokens(Caller caller) {
        return em.createQuery("SELECT t FROM ApiToken t WHERE t.user.id = :u AND t.revokedAt IS NULL"
                + " ORDER BY t.createdAt", ApiToken.class)
                .setParameter("u", caller.userId()).getResultList();
    }

    /** Revokes one of the caller's tokens (an admin may revoke anyone's). */
    public void revokeToken(Caller caller, String id) {
        ApiToken token = Ids.isId(id) ? em.find(ApiToken.class, id) : null;
        if (token == null || token.revokedAt() != null
                || !(caller.isAdmin() || token.user().id().equals(caller.userId()))) {
            throw DomainException.notFound("token", id);
        }
        // Kept, marked: whoever still sends it is told it was revoked.
        token.revoke(System.currentTimeMillis());
        audit.record(caller.username(), "token.revoke", token.user().username(), Map.of("token", token.name()));
    }

    public User require(String username) {
        User user = username == null ? null : find(username);
        if (user == null) {
            throw DomainException.notFound("user", username == null ? "" : username);
        }
        return user;
    }

    /**
     * Checks a token's name and expiry before anything happens.
     *
     * @param latest the latest expiry allowed, in epoch millis: now + {@code LATHE_MAX_TOKEN_DAYS}, or the caller's
     *     own token's expiry (then given as {@code callerExpiry}) when that is sooner
     * @return the expiry in epoch millis: as asked, or {@code latest} when none was asked
     */
    private Long checkTokenRequest(String name, String expires, long now, long latest, Instant callerExpiry) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw DomainException.invalid("invalid-token-name", "give the token a name of 1 to 100 characters",
                    "name");
        }
        if (expires == null || expires.isBlank()) {
            return latest;
        }
        long expiresAt;
        try {
            expiresAt = Instant.parse(expires).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw DomainException.invalid("invalid-expiry", "expires must be an ISO-8601 instant such as "
                    + "2027-01-31T00:00:00Z", "expires");
        } catch (ArithmeticException e) {
            // Instant.parse takes years up to 1,000,000,000, which do not fit in epoch milliseconds.
            throw DomainException.invalid("invalid-expiry", "expires is too far in the future: a token lives at most "
                    + settings.maxTokenLifetime().toDays() + " days (" + AccountSettings.MAX_TOKEN_DAYS + ")",
                    "expires");
        }
        if (expiresAt <= now) {
            throw DomainException.invalid("invalid-expiry", "expires must be in the future", "expires");
        }
        if (expiresAt > latest) {
            String most = "a token lives at most " + settings.maxTokenLifetime().toDays() + " days ("
                    + AccountSettings.MAX_TOKEN_DAYS + ")";
            throw DomainException.invalid("invalid-expiry", callerExpiry != null
                    ? "a token cannot outlive the token that creates it, which expires at " + callerExpiry + "; "
                            + most
                    : most + ": expires must be at or before " + Instant.ofEpochMilli(latest), "expires");
        }
        return expiresAt;
    }

    private NewToken createToken(User user, String name, long expiresAt) {
        String secret = TokenSecrets.newSecret();
        ApiToken token = new ApiToken(Ids.newId(), user, name, TokenSecrets.hash(secret), System.currentTimeMillis(),
                expiresAt);
        em.persist(token);
        audit.record(user.username(), "token.create", user.username(), Map.of("token", name));
        if (user.role() == User.Role.ADMIN) {
            initialAdmin.handedOver();
        }
        return new NewToken(token.id(), name, secret, Instant.ofEpochMilli(expiresAt));
    }

    /** The user of that name, or null (also for a null name). */
    User find(String username) {
        if (username == null) {
            return null;
        }
        return em.createQuery("SELECT u FROM User u WHERE u.username = :name", User.class)
                .setParameter("name", username).getResultStream().findFirst().orElse(null);
    }

    private static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH || password.length() > 1000) {
            throw DomainException.invalid("weak-password", "a password has " + MIN_PASSWORD_LENGTH
                    + " to 1000 characters", "password");
        }
    }

    private static User.Role role(String role) {
        switch (role) {
            case "admin":
                return User.Role.ADMIN;
            case "user":
                return User.Role.USER;
            default:
                throw DomainException.invalid("invalid-role", "role is 'admin' or 'user'", "role");
        }
    }

    private static Map<String, Object> describe(User user) {
        return Map.of("role", user.role().name().toLowerCase(), "disabled", user.disabled());
    }
}
