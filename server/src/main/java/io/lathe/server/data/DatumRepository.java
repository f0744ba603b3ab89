package io.lathe.server.data;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/** Reads and writes datums. */
@ApplicationScoped
@Transactional
public class DatumRepository {

    @PersistenceContext(unitName = "lathe")
    private EntityManager em;

    public Optional<Datum> find(String id) {
        return Optional.ofNullable(em.find(Datum.class, id));
    }

    @Transactional
    public void insert(Datum datum) {
        em.persist(datum);
    }

    /** What an execution produced, by path. */
    public List<Datum> producedBy(String executionId) {
        return em.createQuery("SELECT d FROM Datum d WHERE d.executionId = :e ORDER BY d.name", Datum.class)
                .setParameter("e", executionId).getResultList();
    }

    /** Attaches sidecar properties to the datum an execution produced at {@code name}; false if there is none. */
    @Transactional
    public boolean attachMetadata(String executionId, String name, String metadataJson) {
        return em.createQuery("UPDATE Datum d SET d.metadataJson = :m WHERE d.executionId = :e AND d.name = :n")
                .setParameter("m", metadataJson).setParameter("e", executionId).setParameter("n", name)
                .executeUpdate() > 0;
    }
}
