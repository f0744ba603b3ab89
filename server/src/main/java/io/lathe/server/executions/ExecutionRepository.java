package io.lathe.server.executions;

import io.lathe.server.auth.User;
import io.lathe.server.projects.ProjectService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes executions. Every status change is a conditional update on the current status, so that any
 * number of servers sharing one database agree on who moved an execution where.
 */
@ApplicationScoped
@Transactional
public class ExecutionRepository {

    static final String CLAIMED = "claimed";
    static final int MAX_DETAIL_LENGTH = 2000;

    @PersistenceContext(unitName = "lathe")
    private EntityManager em;

    @Inject
    ProjectService projects;

    /** Records a new execution with its inputs, taking the project's next counter, in one transaction. */
    @Transactional
    public Execution insert(ExecutionDraft draft) {
        int counter = projects.nextCounter(draft.projectId());
        Execution execution = draft.toExecution(counter, System.currentTimeMillis());
        em.persist(execution);
        for (int i = 0; i < draft.inputs().size(); i++) {
            em.persist(new ExecutionInput(execution.id(), i, draft.inputs().get(i)));
        }
        return execution;
    }

    public Optional<Execution> find(String id) {
        return Optional.ofNullable(em.find(Execution.class, id));
    }

    /**
     * Whether the execution's creator is an administrator now (not when they created it): an environment that
     * cannot sandbox jobs runs only administrators' ones, and a demoted user's queued work must not slip through.
     */
    public boolean createdByAdmin(Execution execution) {
        User creator = em.find(User.class, execution.creatorId());
        return creator != null && !creator.disabled() && creator.role() == User.Role.ADMIN;
    }

    public Optional<Execution> findByCounter(String projectId, int counter) {
        return em.createQuery("SELECT e FROM Execution e WHERE e.projectId = :p AND e.counter = :c", Execution.class)
                .setParameter("p", projectId).setParameter("c", counter).getResultStream().findFirst();
    }

    /** The project's executions with these counters, in one query; counters without one are left out. */
    public List<Execution> findByCounters(String projectId, java.util.Collection<Integer> counters) {
        if (counters.isEmpty()) {
            return List.of();
        }
        return em.createQuery("SELECT e FROM Execution e WHERE e.projectId = :p AND e.counter IN :c", Execution.class)
                .setParameter("p", projectId).setParameter("c", counters).getResultList();
    }

    public List<ResolvedInput> inputs(String executionId) {
        return em.createQuery("SELECT i FROM ExecutionInput i WHERE i.executionId = :id ORDER BY i.position",
                        ExecutionInput.class)
                .setParameter("id", executionId).getResultStream().map(ExecutionInput::resolved).toList();
    }

    @Transactional
    public void recordInputContent(String executionId, int position, long size, String sha256) {
        em.createQuery("UPDATE ExecutionInput i SET i.size = :size, i.sha256 = :sha "
                        + "WHERE i.executionId = :id AND i.position = :pos")
                .setParameter("size", size).setParameter("sha", sha256)
                .setParameter("id", executionId).setParameter("pos", position).executeUpdate();
    }

    /** Environments that have executions waiting. */
    public List<String> environmentsWithQueued() {
        return em.createQuery("SELECT DISTINCT e.environment FROM Execution e WHERE e.status = :queued "
                        + "AND e.computeHandle IS NULL", String.class)
                .setParameter("queued", ExecutionStatus.QUEUED).getResultList();
    }

    /** How many executions hold a slot of {@code environment}: claimed, started or stopping. */
    public long countActive(String environment) {
        return em.createQuery("SELECT COUNT(e) FROM Execution e WHERE e.environment = :env AND "
                        + "(e.status IN :running OR (e.status = :queued AND e.computeHandle IS NOT NULL))", Long.class)
                .setParameter("env", environment)
                .setParameter("running", List.of(ExecutionStatus.STARTED, ExecutionStatus.STOPPING))
                .setParameter("queued", ExecutionStatus.QUEUED)
                .getSingleResult();
    }

    /** The oldest waiting executions of {@code environment}. */
    public List<String> queued(String environment, int limit) {
        return em.createQuery("SELECT e.id FROM Execution e WHERE e.environment = :env AND e.status = :queued "
                        + "AND e.computeHandle IS NULL ORDER BY e.createdAt, e.counter", String.class)
                .setParameter("env", environment).setParameter("queued", ExecutionStatus.QUEUED)
                .setMaxResults(limit).getResultList();
    }

    /** Takes a waiting execution for this server to run; false when another got it first or it was stopped. */
    @Transactional
    public boolean claim(String id) {
        return em.createQuery("UPDATE Execution e SET e.computeHandle = :claimed "
                        + "WHERE e.id = :id AND e.status = :queued AND e.computeHandle IS NULL")
                .setParameter("claimed", CLAIMED).setParameter("id", id)
                .setParameter("queued", ExecutionStatus.QUEUED).executeUpdate() == 1;
    }

    @Transactional
    public void recordHandle(String id, String handle) {
        em.createQuery("UPDATE Execution e SET e.computeHandle = :h WHERE e.id = :id")
                .setParameter("h", handle).setParameter("id", id).executeUpdate();
    }

    /** Queued → started, when the job's commands begin. A stop asked for meanwhile is kept. */
    @Transactional
    public void markStarted(String id, long now) {
        em.createQuery("UPDATE Execution e SET e.status = :started, e.startedAt = :now "
                        + "WHERE e.id = :id AND e.status = :queued")
                .setParameter("started", ExecutionStatus.STARTED).setParameter("now", now)
                .setParameter("id", id).setParameter("queued", ExecutionStatus.QUEUED).executeUpdate();
        em.createQuery("UPDATE Execution e SET e.startedAt = :now WHERE e.id = :id AND e.startedAt IS NULL")
                .setParameter("now", now).setParameter("id", id).executeUpdate();
    }

    /** A waiting, unclaimed execution is stopped at once. */
    @Transactional
    public boolean stopWaiting(String id, long now) {
        return em.createQuery("UPDATE Execution e SET e.status = :stopped, e.endedAt = :now, "
                        + "e.statusDetail = :detail WHERE e.id = :id AND e.status = :queued AND e.computeHandle IS NULL")
                .setParameter("stopped", ExecutionStatus.STOPPED).setParameter("now", now)
                .setParameter("detail", "stopped by request before it started")
                .setParameter("id", id).setParameter("queued", ExecutionStatus.QUEUED).executeUpdate() == 1;
    }

    /** A claimed or running execution is asked to stop. */
    @Transactional
    public boolean markStopping(String id) {
        return em.createQuery("UPDATE Execution e SET e.status = :stopping WHERE e.id = :id AND e.status IN :live")
                .setParameter("stopping", ExecutionStatus.STOPPING).setParameter("id", id)
                .setParameter("live", List.of(ExecutionStatus.QUEUED, ExecutionStatus.STARTED))
                .executeUpdate() == 1;
    }

    /** The end: a terminal status, once. */
    @Transactional
    public boolean finish(String id, ExecutionStatus status, Integer exitCode, String detail, long now) {
        return em.createQuery("UPDATE Execution e SET e.status = :status, e.exitCode = :code, "
                        + "e.statusDetail = :detail, e.endedAt = :now, e.durationMs = :now - e.startedAt "
                        + "WHERE e.id = :id AND e.status IN :live")
                .setParameter("status", status).setParameter("code", exitCode)
                .setParameter("detail", detail == null || detail.isEmpty() ? null : shortened(detail))
                .setParameter("now", now).setParameter("id", id)
                .setParameter("live", List.of(ExecutionStatus.QUEUED, ExecutionStatus.STARTED,
                        ExecutionStatus.STOPPING))
                .executeUpdate() == 1;
    }

    /**
     * A detail that fits its column: a failure's message can be long (it may quote a URL or a command), and an
     * execution whose end cannot be recorded would stay running forever.
     */
    static String shortened(String detail) {
        return detail.length() <= MAX_DETAIL_LENGTH ? detail : detail.substring(0, MAX_DETAIL_LENGTH - 1) + "\u2026";
    }

    /** Executions some server had taken and not finished: what a restart must look at. */
    public List<Execution> unfinishedClaimed() {
        return em.createQuery("SELECT e FROM Execution e WHERE e.computeHandle IS NOT NULL AND e.status IN :live",
                        Execution.class)
                .setParameter("live", List.of(ExecutionStatus.QUEUED, ExecutionStatus.STARTED,
                        ExecutionStatus.STOPPING))
                .getResultList();
    }

    /** Gives a claimed execution that never launched back to the queue. */
    @Transactional
    public void release(String id) {
        em.createQuery("UPDATE Execution e SET e.computeHandle = NULL WHERE e.id = :id AND e.status = :queued")
                .setParameter("id", id).setParameter("queued", ExecutionStatus.QUEUED).executeUpdate();
    }
}
