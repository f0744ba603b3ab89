package io.lathe.server.executions;

import io.lathe.server.instances.InstanceUsage;
import io.lathe.server.plugins.points.ExtensionPoint;
import io.lathe.server.plugins.points.ExtensionPoints;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.Arrays;
import java.util.Optional;

/**
 * An execution names the environment it ran in, in its record: an environment that ran any stays, so that records
 * hold. How many have not finished yet is said too.
 */
@ApplicationScoped
@Transactional
public class ExecutionInstanceUsage implements InstanceUsage {

    @PersistenceContext(unitName = "lathe")
    private EntityManager em;

    @Override
    public Optional<String> usesOf(ExtensionPoint<?, ?> point, String name) {
        if (point != ExtensionPoints.COMPUTE) {
            return Optional.empty();
        }
        long all = em.createQuery("SELECT COUNT(e) FROM Execution e WHERE e.environment = :n", Long.class)
                .setParameter("n", name).getSingleResult();
        if (all == 0) {
            return Optional.empty();
        }
        long unfinished = em.createQuery("SELECT COUNT(e) FROM Execution e WHERE e.environment = :n"
                + " AND e.status IN :s", Long.class).setParameter("n", name).setParameter("s",
                        Arrays.stream(ExecutionStatus.values()).filter(s -> !s.isTerminal()).toList())
                .getSingleResult();
        return Optional.of(all + " executions (" + unfinished + " unfinished executions)");
    }
}
