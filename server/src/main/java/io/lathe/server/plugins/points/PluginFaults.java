package io.lathe.server.plugins.points;

import io.lathe.server.platform.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Records the faults of plugins (see {@link PluginCalls}) and reads them back for the administrator, latest first.
 * Only the latest {@value #KEPT_PER_PLUGIN} per plugin are kept: a plugin failing on every call must not fill the
 * database.
 */
@ApplicationScoped
public class PluginFaults {

    public static final int KEPT_PER_PLUGIN = 100;
    private static final int MAX_MESSAGE = 2000;

    /**
     * A fault as the API shows it.
     *
     * @param execution the execution the failed call was made for; left out when none
     */
    public record FaultView(Instant at, String extension, String instance, String operation, String code,
            String message, String execution) {
    }

    @PersistenceContext(unitName = "lathe")
    private EntityManager em;

    /**
     * Records a fault in a transaction of its own, so that it stays when the caller's work is rolled back, and
     * forgets that plugin's faults beyond the latest {@value #KEPT_PER_PLUGIN}.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(PluginTarget target, String operation, String code, String message, String executionId) {
        String text = message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE - 1) + "\u2026";
        em.persist(new PluginFault(Ids.newId(), target, operation, code, text, executionId,
                System.currentTimeMillis()));
        em.flush();
        List<String> oldestKept = em.createQuery("SELECT f.id FROM PluginFault f WHERE f.pluginId = :p"
                        + " ORDER BY f.id DESC", String.class)
                .setParameter("p", target.pluginId()).setFirstResult(KEPT_PER_PLUGIN - 1).setMaxResults(1)
                .getResultList();
        if (!oldestKept.isEmpty()) {
            em.createQuery("DELETE FROM PluginFault f WHERE f.pluginId = :p AND f.id < :oldest")
                    .setParameter("p", target.pluginId()).setParameter("oldest", oldestKept.get(0)).executeUpdate();
        }
    }

    /** The latest faults of a plugin, latest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<FaultView> latest(String pluginId, int limit) {
        return em.createQuery("SELECT f FROM PluginFault f WHERE f.pluginId = :p ORDER BY f.id DESC",
                        PluginFault.class)
                .setParameter("p", pluginId).setMaxResults(limit).getResultStream().map(PluginFault::view).toList();
    }

    /** How many faults are kept for each plugin that has any. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<String, Long> counts() {
        Map<String, Long> counts = new HashMap<>();
        em.createQuery("SELECT f.pluginId, COUNT(f) FROM PluginFault f GROUP BY f.pluginId", Object[].class)
                .getResultList().forEach(row -> counts.put((String) row[0], ((Number) row[1]).longValue()));
        return counts;
    }
}
