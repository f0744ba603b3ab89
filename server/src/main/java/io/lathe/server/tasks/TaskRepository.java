package io.lathe.server.tasks;

import io.lathe.server.auth.Caller;
import io.lathe.server.auth.User;
import io.lathe.server.executions.Execution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads and writes tasks and their trials; every read of many rows is one query. */
@ApplicationScoped
@Transactional
public class TaskRepository {

    @PersistenceContext(unitName = "lathe")
    private EntityManager em;

    /** Inserts a task with the project's next task number; the project's tasks are counted under a lock. */
    public Task insert(java.util.function.IntFunction<Task> withCounter, String projectId) {
        em.createQuery("SELECT p FROM Project p WHERE p.id = :p", io.lathe.server.projects.Project.class)
                .setParameter("p", projectId).setLockMode(LockModeType.PESSIMISTIC_WRITE).getSingleResult();
        Integer last = em.createQuery("SELECT MAX(t.counter) FROM Task t WHERE t.projectId = :p", Integer.class)
                .setParameter("p", projectId).getSingleResult();
        Task task = withCounter.apply(last == null ? 1 : last + 1);
        em.persist(task);
        return task;
    }

    public Optional<Task> find(String id) {
        return Optional.ofNullable(em.find(Task.class, id));
    }

    public Optional<Task> findByCounter(String projectId, int counter) {
        return em.createQuery("SELECT t FROM Task t WHERE t.projectId = :p AND t.counter = :c", Task.class)
                .setParameter("p", projectId).setParameter("c", counter).getResultStream().findFirst();
    }

    /** Locks the task's row for this transaction: one server at a time moves a task on. */
    public Task lock(String id) {
        return em.find(Task.class, id, LockModeType.PESSIMISTIC_WRITE);
    }

    public List<Task> page(String projectId, int limit) {
        return em.createQuery("SELECT t FROM Task t WHERE t.projectId = :p ORDER BY t.counter DESC", Task.class)
                .setParameter("p", projectId).setMaxResults(limit).getResultList();
    }

    /** The ids of the tasks that are not over. */
    public List<String> unfinished() {
        return em.createQuery("SELECT t.id FROM Task t WHERE t.status IN :s", String.class)
                .setParameter("s", List.of(TaskStatus.RUNNING, TaskStatus.STOPPING)).getResultList();
    }

    public List<TaskTrial> trials(String taskId) {
        return em.createQuery("SELECT t FROM TaskTrial t WHERE t.taskId = :t ORDER BY t.trial", TaskTrial.class)
                .setParameter("t", taskId).getResultList();
    }

    public void insertTrial(TaskTrial trial) {
        em.persist(trial);
    }

    public void markStopped(String taskId, int trial, String reason) {
        TaskTrial found = em.find(TaskTrial.class, new TaskTrial.Key(taskId, trial));
        if (found != null && found.stoppedReason() == null) {
            found.stoppedBecause(reason);
        }
    }

    /** The executions of these ids, by id, in one query. */
    public Map<String, Execution> executions(Collection<String> ids) {
        Map<String, Execution> found = new HashMap<>();
        if (!ids.isEmpty()) {
            em.createQuery("SELECT e FROM Execution e WHERE e.id IN :ids", Execution.class).setParameter("ids", ids)
                    .getResultStream().forEach(e -> found.put(e.id(), e));
        }
        return found;
    }

    /**
     * The objective of each execution that printed {@code metric}: its last value, or its best (smallest when
     * minimizing, largest when maximizing), from the latest values kept per execution.
     */
    public Map<String, Double> objectives(Collection<String> executionIds, Task.Objective objective) {
        Map<String, Double> values = new HashMap<>();
        if (executionIds.isEmpty() || objective == null) {
            return values;
        }
        String column = objective.mode().equals("best") ? (objective.maximize() ? "max_value" : "min_value")
                : "last_value";
        List<String> ids = List.copyOf(executionIds);
        jakarta.persistence.Query query = em.createNativeQuery("SELECT execution_id, " + column
                + " FROM execution_metric WHERE name = ? AND execution_id IN ("
                + String.join(",", java.util.Collections.nCopies(ids.size(), "?")) + ")");
        query.setParameter(1, objective.metric());
        for (int i = 0; i < ids.size(); i++) {
            query.setParameter(i + 2, ids.get(i));
        }
        for (Object row : query.getResultList()) {
            Object[] columns = (Object[]) row;
            values.put((String) columns[0], ((Number) columns[1]).doubleValue());
        }
        return values;
    }

    /** The creator of a task as a caller: trials are created with their rights, checked again each time. */
    public Optional<Caller> caller(String userId) {
        User user = em.find(User.class, userId);
        return user == null || user.disabled() ? Optional.empty()
                : Optional.of(new Caller(user.id(), user.username(), user.role()));
    }

    public Task save(Task task) {
        return em.merge(task);
    }
}
