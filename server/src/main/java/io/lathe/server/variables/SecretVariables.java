package io.lathe.server.variables;

import io.lathe.server.platform.SealedSecrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/** Secret project variables are sealed with the server's key. */
@ApplicationScoped
@Transactional
public class SecretVariables implements SealedSecrets {

    @PersistenceContext(unitName = "lathe")
    private EntityManager em;

    @Override
    public long countSealed() {
        return em.createQuery("SELECT COUNT(v) FROM ProjectVariable v WHERE v.secret = TRUE", Long.class)
                .getSingleResult();
    }

    @Override
    public String description() {
        return "secret project variables";
    }
}
