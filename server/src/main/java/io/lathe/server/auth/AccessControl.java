package io.lathe.server.auth;

import io.lathe.server.platform.DomainException;
import io.lathe.server.platform.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * The one place that decides who may do what. Everything under a project follows the project: its owner and
 * admins may do anything, members what their access allows. What a caller may not see answers 404, exactly as if it
 * did not exist; what a caller may see but not change answers 403.
 */
@ApplicationScoped
@Transactional
public class AccessControl {

    @PersistenceContext(unitName = "lathe")
    private EntityManager em;

    /** Checks an endpoint's rule for a signed-in caller, finding the target through {@code parameter}. */
    public void check(Caller caller, Access access, String parameter) {
        switch (access.value()) {
            case PUBLIC:
            case AUTHENTICATED:
                return;
            case ADMIN:
                if (!caller.isAdmin()) {
                    throw new DomainException(DomainException.Kind.FORBIDDEN, "forbidden",
                            "this needs the admin role", null);
                }
                return;
            default:
                requireOn(caller, access.on(), parameter, needed(access.value()));
        }
    }

    /** Requires {@code needed} in the project with this id; 404 when the caller may not see it. */
    public void requireProject(Caller caller, String projectId, ProjectRole needed) {
        require(caller, projectId, needed, "project", projectId);
    }

    /** What the caller may do in a project (NONE also when there is no such project). */
    public ProjectRole roleIn(Caller caller, String projectId) {
        if (!Ids.isId(projectId)) {
            return ProjectRole.NONE;
        }
        List<String> owners = em.createQuery("SELECT p.ownerId FROM Project p WHERE p.id = :id", String.class)
                .setParameter("id", projectId).getResultList();
        if (owners.isEmpty()) {
            return ProjectRole.NONE;
        }
        if (caller.isAdmin() || owners.get(0).equals(caller.userId())) {
            return ProjectRole.OWNER;
        }
        ProjectMember member = em.find(ProjectMember.class, new ProjectMember.Key(projectId, caller.userId()));
        return member == null ? ProjectRole.NONE : member.access();
    }

    private void requireOn(Caller caller, Access.On on, String id, ProjectRole needed) {
        if (id == null || id.isBlank()) {
            String field = on.name().toLowerCase();
            throw DomainException.invalid("missing-field", "give the " + field + " id", field);
        }
        switch (on) {
            case EXECUTION:
                require(caller, projectOf("SELECT e.projectId FROM Execution e WHERE e.id = :id", id), needed,
                        "execution", id);
                return;
            case DATUM:
                require(caller, projectOf("SELECT d.projectId FROM Datum d WHERE d.id = :id", id), needed,
                        "datum", id);
                return;
            case TASK:
                require(caller, projectOf("SELECT t.projectId FROM Task t WHERE t.id = :id", id), needed,
                        "task", id);
                return;
            default:
                requireProject(caller, id, needed);
        }
    }

    private String projectOf(String query, String id) {
        if (!Ids.isId(id)) {
            return null;
        }
        return em.createQuery(query, String.class).setParameter("id", id).getResultStream().findFirst().orElse(null);
    }

    private void require(Caller caller, String projectId, ProjectRole needed, String what, String id) {
        ProjectRole role = projectId == null ? ProjectRole.NONE : roleIn(caller, projectId);
        if (role == ProjectRole.NONE) {
            throw DomainException.notFound(what, id == null ? "" : id);
        }
        if (!role.covers(needed)) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "forbidden", "you have " + role.apiName()
                    + " access to this project; this needs " + needed.apiName() + " access", null);
        }
    }

    private static ProjectRole needed(Access.Rule rule) {
        switch (rule) {
            case PROJECT_READ:
                return ProjectRole.READ;
            case PROJECT_WRITE:
                return ProjectRole.WRITE;
            default:
                return ProjectRole.OWNER;
        }
    }
}
