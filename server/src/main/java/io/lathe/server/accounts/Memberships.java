package io.lathe.server.accounts;

import io.lathe.server.audit.AuditLog;
import io.lathe.server.auth.Caller;
import io.lathe.server.auth.ProjectMember;
import io.lathe.server.auth.ProjectRole;
import io.lathe.server.auth.User;
import io.lathe.server.platform.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;

/** Who else may read or change a project, set by its owner (or an admin); every change audited. */
@ApplicationScoped
@Transactional
public class Memberships {

    @PersistenceContext(unitName = "lathe")
    private EntityManager em;

    @Inject
    Accounts accounts;
    @Inject
    AuditLog audit;

    /** A member as the API shows it. */
    public record Member(String username, String access) {
    }

    public List<Member> members(String projectId) {
        return em.createQuery("SELECT u.username, m.access FROM ProjectMember m, User u "
                        + "WHERE m.userId = u.id AND m.projectId = :p ORDER BY u.username", Object[].class)
                .setParameter("p", projectId).getResultStream()
                .map(row -> new Member((String) row[0], ((ProjectRole) row[1]).apiName())).toList();
    }

    /**
     * Gives a user access to a project. A name that is not an active user (none, or disabled) is refused in one way,
     * so the refusal does not tell an owner which usernames exist; only adding one that does succeeds (audited).
     */
    public Member set(Caller caller, String projectId, String username, String access) {
        ProjectRole role = parse(access);
        User user = accounts.find(username);
        if (user == null || user.disabled()) {
            throw DomainException.invalid("cannot-add-member", "'" + username + "' cannot be added: check the "
                    + "username with your administrator", "username");
        }
        String owner = em.createQuery("SELECT p.ownerId FROM Project p WHERE p.id = :p", String.class)
                .setParameter("p", projectId).getSingleResult();
        if (owner.equals(user.id())) {
            throw DomainException.invalid("owner-not-member", "'" + username + "' owns the project and has all "
                    + "access already", "username");
        }
        ProjectMember member = em.find(ProjectMember.class, new ProjectMember.Key(projectId, user.id()));
        String before = member == null ? "none" : member.access().apiName();
        if (member == null) {
            em.persist(new ProjectMember(projectId, user.id(), role, System.currentTimeMillis()));
        } else {
            member.setAccess(role);
        }
        audit.record(caller.username(), "member.set", "project " + projectId,
                Map.of("user", username, "before", before, "after", role.apiName()));
        return new Member(username, role.apiName());
    }

    /** Takes a member's access away; a name that is not a member is not found, whether it is a user or not. */
    public void remove(Caller caller, String projectId, String username) {
        User user = accounts.find(username);
        ProjectMember member = user == null ? null
                : em.find(ProjectMember.class, new ProjectMember.Key(projectId, user.id()));
        if (member == null) {
            throw DomainException.notFound("member", username);
        }
        em.remove(member);
        audit.record(caller.username(), "member.remove", "project " + projectId,
                Map.of("user", username, "before", member.access().apiName()));
    }

    private static ProjectRole parse(String access) {
        if ("read".equals(access)) {
            return ProjectRole.READ;
        }
        if ("write".equals(access)) {
            return ProjectRole.WRITE;
        }
        throw DomainException.invalid("invalid-access", "access is 'read' or 'write'", "access");
    }
}
