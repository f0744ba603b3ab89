package io.lathe.server.executions;

import io.lathe.server.data.DatumLineage;
import io.lathe.server.data.LineageExecutions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Executions as the nodes of a datum's lineage graph. */
@ApplicationScoped
@Transactional
public class ExecutionLineageNodes implements LineageExecutions {

    @PersistenceContext(unitName = "lathe")
    private EntityManager em;

    @Override
    public List<DatumLineage.ExecutionNode> nodes(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return em.createQuery("SELECT e FROM Execution e WHERE e.id IN :ids ORDER BY e.counter", Execution.class)
                .setParameter("ids", ids).getResultStream()
                .map(e -> new DatumLineage.ExecutionNode(e.id(), e.counter(), e.stepName(), e.status().apiName(),
                        e.commitId(), e.parameters()))
                .toList();
    }

    @Override
    public Optional<String> idOf(String projectId, int counter) {
        return em.createQuery("SELECT e.id FROM Execution e WHERE e.projectId = :project AND e.counter = :counter",
                String.class).setParameter("project", projectId).setParameter("counter", counter)
                .getResultStream().findFirst();
    }
}
