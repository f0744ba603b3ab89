package io.lathe.server.instances;

import io.lathe.server.plugins.points.ExtensionPoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/** Reads and writes configured instances, those of every point in one table. */
@ApplicationScoped
@Transactional
public class ConfiguredInstanceRepository {

    /** No server has more; a list is cut there rather than read whole. */
    private static final int MAX_LISTED = 1000;

    @PersistenceContext(unitName = "lathe")
    private EntityManager em;

    public Optional<ConfiguredInstance> find(ExtensionPoint<?, ?> point, String name) {
        return name == null ? Optional.empty()
                : Optional.ofNullable(em.find(ConfiguredInstance.class, new ConfiguredInstance.Key(point.id(), name)));
    }

    public boolean exists(ExtensionPoint<?, ?> point, String name) {
        return find(point, name).isPresent();
    }

    /** A point's configured instances, by name. */
    public List<ConfiguredInstance> list(ExtensionPoint<?, ?> point) {
        return em.createQuery("SELECT i FROM ConfiguredInstance i WHERE i.point = :p ORDER BY i.name",
                ConfiguredInstance.class).setParameter("p", point.id()).setMaxResults(MAX_LISTED).getResultList();
    }

    /** The names of a point's configured instances, sorted. */
    public List<String> names(ExtensionPoint<?, ?> point) {
        return em.createQuery("SELECT i.name FROM ConfiguredInstance i WHERE i.point = :p ORDER BY i.name",
                String.class).setParameter("p", point.id()).setMaxResults(MAX_LISTED).getResultList();
    }

    public void add(ConfiguredInstance instance) {
        em.persist(instance);
    }

    public void remove(ConfiguredInstance instance) {
        em.remove(instance);
    }
}
