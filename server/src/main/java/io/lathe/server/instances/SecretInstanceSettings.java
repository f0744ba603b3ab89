package io.lathe.server.instances;

import io.lathe.server.platform.SealedSecrets;
import io.lathe.server.platform.SecretBox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * The secret settings of configured instances (an object store's secret key, a webhook's signing secret) are sealed
 * with the server's key. Counted from the stored values themselves: which settings are secret is known to the
 * plugins, which are not started yet when this is asked.
 */
@ApplicationScoped
@Transactional
public class SecretInstanceSettings implements SealedSecrets {

    @PersistenceContext(unitName = "lathe")
    private EntityManager em;
    @Inject
    SecretBox box;

    @Override
    public long countSealed() {
        return em.createQuery("SELECT i FROM ConfiguredInstance i", ConfiguredInstance.class).getResultStream()
                .flatMap(instance -> instance.settings().values().stream())
                .filter(value -> value != null && box.isSealed(value)).count();
    }

    @Override
    public String description() {
        return "secret settings of data stores, environments or notification channels";
    }
}
