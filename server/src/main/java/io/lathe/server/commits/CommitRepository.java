package io.lathe.server.commits;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/** Reads and writes commits. */
@ApplicationScoped
@Transactional
public class CommitRepository {

    @PersistenceContext(unitName = "lathe")
    private EntityManager entityManager;

    public Optional<CodeCommit> find(String projectId, String commitId) {
        return Optional.ofNullable(entityManager.find(CodeCommit.class, new CodeCommit.Key(projectId, commitId)));
    }

    @Transactional
    public void insert(CodeCommit commit) {
        entityManager.persist(commit);
    }

    public List<CodeCommit> list(String projectId) {
        return newest(projectId, 1000);
    }

    /** The project's {@code max} newest commits, newest first. */
    public List<CodeCommit> newest(String projectId, int max) {
        return entityManager.createQuery(
                "SELECT c FROM CodeCommit c WHERE c.projectId = :project ORDER BY c.createdAt DESC", CodeCommit.class)
                .setParameter("project", projectId)
                .setMaxResults(max)
                .getResultList();
    }
}
