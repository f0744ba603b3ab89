package io.lathe.server.audit;

import io.lathe.server.platform.Ids;
import io.lathe.server.platform.JsonCodec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;

/**
 * Writes and reads the audit trail. An entry is written in the transaction of the change it records, so there is
 * never a change without its entry nor an entry for a change that was rolled back.
 */
@ApplicationScoped
@Transactional
public class AuditLog {

    @PersistenceContext(unitName = "lathe")
    private EntityManager em;

    /**
     * @param actor the username, or null when nobody is signed in (a failed sign-in)
     * @param action a stable dotted name, e.g. {@code token.create}, {@code member.remove}
     * @param details before/after or other facts; never secrets
     */
    public void record(String actor, String action, String target, Map<String, ?> details) {
        em.persist(new AuditEvent(Ids.newId(), System.currentTimeMillis(), actor, action, target,
                details == null || details.isEmpty() ? null : JsonCodec.toObject(details)));
    }

    /** The newest entries first, older than the entry {@code before} when given (keyset paging). */
    public List<AuditEvent> page(String before, int limit) {
        return em.createQuery("SELECT a FROM AuditEvent a WHERE a.id < :before ORDER BY a.id DESC", AuditEvent.class)
                .setParameter("before", before == null ? "~" : before)
                .setMaxResults(limit)
                .getResultList();
    }
}
