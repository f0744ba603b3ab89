package io.lathe.server.instances;

import io.lathe.server.plugins.points.ExtensionPoint;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link InstanceUsage} of a feature whose records of one entity name instances in a column: how many records
 * name the instance, counted. A feature extends it with its entity, the attribute that names an instance of each
 * point, and what its records are called.
 */
@Transactional
public abstract class RecordsNamingInstances implements InstanceUsage {

    private final String entity;
    private final Map<ExtensionPoint<?, ?>, String> attributes;
    private final String records;

    @PersistenceContext(unitName = "lathe")
    private EntityManager em;

    /**
     * @param entity the JPA entity's name ({@code Datum})
     * @param attributes the attribute that names an instance, per point ({@code store} of storage)
     * @param records what a sentence calls several of them ({@code datums})
     */
    protected RecordsNamingInstances(String entity, Map<ExtensionPoint<?, ?>, String> attributes, String records) {
        this.entity = entity;
        this.attributes = Map.copyOf(attributes);
        this.records = records;
    }

    @Override
    public Optional<String> usesOf(ExtensionPoint<?, ?> point, String name) {
        String attribute = attributes.get(point);
        if (attribute == null) {
            return Optional.empty();
        }
        long count = em.createQuery("SELECT COUNT(r) FROM " + entity + " r WHERE r." + attribute + " = :n",
                Long.class).setParameter("n", name).getSingleResult();
        return count == 0 ? Optional.empty() : Optional.of(count + " " + records);
    }
}
