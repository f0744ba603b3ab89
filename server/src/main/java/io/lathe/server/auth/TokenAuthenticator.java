package io.lathe.server.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/** Finds the user a bearer token belongs to: one indexed look-up by the token's hash. */
@ApplicationScoped
@Transactional
public class TokenAuthenticator {

    @PersistenceContext(unitName = "lathe")
    private EntityManager entityManager;

    /** Whether a console session's user still exists and is not disabled. */
    public boolean isActive(Caller caller) {
        User user = entityManager.find(User.class, caller.userId());
        return user != null && !user.disabled();
    }

    public Optional<Caller> authenticate(String secret) {
        List<ApiToken> tokens = entityManager
                .createQuery("SELECT t FROM ApiToken t JOIN FETCH t.user WHERE t.tokenHash = :hash", ApiToken.class)
                .setParameter("hash", TokenSecrets.hash(secret))
                .getResultList();
        if (tokens.isEmpty() || tokens.get(0).isExpiredAt(System.currentTimeMillis())
                || tokens.get(0).user().disabled()) {
            return Optional.empty();
        }
        // Written only on the first use of a token that expires unless used: other requests stay read-only.
        if (tokens.get(0).expiresUnlessUsed()) {
            tokens.get(0).used();
        }
        User user = tokens.get(0).user();
        return Optional.of(new Caller(user.id(), user.username(), user.role()));
    }
}
