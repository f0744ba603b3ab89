package io.lathe.server.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/**
 * Finds who is calling, from the database on every request: the user a bearer token belongs to (one indexed look-up
 * by the token's hash), or the user a console session was started by. A disabled user, a session older than the
 * user's last disable, role change or password reset, an expired or revoked token or one older than
 * {@code LATHE_MAX_TOKEN_DAYS} find nobody, and a token says which.
 */
@ApplicationScoped
@Transactional
public class TokenAuthenticator {

    @PersistenceContext(unitName = "lathe")
    private EntityManager entityManager;

    @Inject
    AccountSettings settings;

    /** The caller of a console session, with the user's role as it is now; empty when the session has ended. */
    public Optional<Caller> sessionCaller(ConsoleSession.SignedIn signedIn) {
        User user = entityManager.find(User.class, signedIn.userId());
        if (user == null || user.disabled() || user.sessionsVersion() != signedIn.sessionsVersion()) {
            return Optional.empty();
        }
        return Optional.of(new Caller(user.id(), user.username(), user.role()));
    }

    /** Why a request found no caller, so that the 401 can say what to do. */
    public enum Refusal {
        /** No credentials at all. */
        MISSING,
        /** An Authorization header that is not {@code Bearer <token>} (or Valohai's {@code Token <token>}). */
        MALFORMED,
        /** A token this server never issued (or mistyped). */
        UNKNOWN,
        EXPIRED,
        REVOKED,
        /** The token's user is disabled. */
        DISABLED
    }

    /** Who a token belongs to, or why it does not let its bearer in (with when, for expired and revoked ones). */
    public record Authentication(Caller found, Refusal refusal, Long at) {
        public static Authentication of(Caller caller) {
            return new Authentication(caller, null, null);
        }

        public static Authentication refused(Refusal refusal) {
            return new Authentication(null, refusal, null);
        }

        static Authentication refused(Refusal refusal, Long at) {
            return new Authentication(null, refusal, at);
        }

        public Optional<Caller> caller() {
            return Optional.ofNullable(found);
        }
    }

    public Authentication authenticate(String secret) {
        List<ApiToken> tokens = entityManager
                .createQuery("SELECT t FROM ApiToken t JOIN FETCH t.user WHERE t.tokenHash = :hash", ApiToken.class)
                .setParameter("hash", TokenSecrets.hash(secret))
                .getResultList();
        if (tokens.isEmpty()) {
            return Authentication.refused(Refusal.UNKNOWN);
        }
        ApiToken token = tokens.get(0);
        if (token.revokedAt() != null) {
            return Authentication.refused(Refusal.REVOKED, token.revokedAt());
        }
        if (token.user().disabled()) {
            return Authentication.refused(Refusal.DISABLED);
        }
        long expiresAt = expiresAt(token, settings.maxTokenLifetime().toMillis());
        if (expiresAt <= System.currentTimeMillis()) {
            return Authentication.refused(Refusal.EXPIRED, expiresAt);
        }
        // Written only on the first use of a token that expires unless used: other requests stay read-only.
        if (token.expiresUnlessUsed()) {
            token.used();
            expiresAt = expiresAt(token, settings.maxTokenLifetime().toMillis());
        }
        User user = token.user();
        return Authentication.of(new Caller(user.id(), user.username(), user.role(), expiresAt));
    }

    /**
     * When a token stops working: at its own expiry, or at the end of the longest lifetime allowed now, whichever
     * comes first (so lowering {@code LATHE_MAX_TOKEN_DAYS} also shortens the tokens made before).
     */
    static long expiresAt(ApiToken token, long maxLifetimeMillis) {
        long longest = token.createdAt() + maxLifetimeMillis;
        return token.expiresAt() == null ? longest : Math.min(token.expiresAt(), longest);
    }
}
