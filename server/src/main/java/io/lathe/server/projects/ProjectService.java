package io.lathe.server.projects;

import io.lathe.server.auth.Caller;
import io.lathe.server.instances.ConfiguredInstanceRepository;
import io.lathe.server.instances.DefaultInstances;
import io.lathe.server.plugins.points.ExtensionPoints;
import io.lathe.server.platform.DomainException;
import io.lathe.server.platform.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.regex.Pattern;

/** Creating and finding projects, and handing out execution counters. */
@ApplicationScoped
@Transactional
public class ProjectService {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    /** The size of the description column. */
    static final int MAX_DESCRIPTION_LENGTH = 2000;

    @PersistenceContext(unitName = "lathe")
    private EntityManager entityManager;
    @jakarta.inject.Inject
    io.lathe.server.audit.AuditLog audit;
    @jakarta.inject.Inject
    ConfiguredInstanceRepository instances;

    @Transactional
    public Project create(String name, String description, Caller caller) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw DomainException.invalid("invalid-name", "a project name is 1 to 100 letters, digits, '.', '_' or "
                    + "'-', starting with a letter or digit", "name");
        }
        if (description != null && description.length() > MAX_DESCRIPTION_LENGTH) {
            throw DomainException.invalid("invalid-description", "a description is at most " + MAX_DESCRIPTION_LENGTH
                    + " characters long", "description");
        }
        boolean taken = !entityManager.createQuery(
                        "SELECT p.id FROM Project p WHERE p.ownerId = :owner AND p.name = :name", String.class)
                .setParameter("owner", caller.userId()).setParameter("name", name).setMaxResults(1)
                .getResultList().isEmpty();
        if (taken) {
            throw DomainException.conflict("name-taken", "you already have a project named '" + name + "'");
        }
        Project project = new Project(Ids.newId(), name, description == null ? "" : description, caller.userId(),
                DefaultInstances.NAME, DefaultInstances.NAME, System.currentTimeMillis());
        entityManager.persist(project);
        return project;
    }

    /**
     * Chooses where the project's new files go and where its new executions run; existing datums and executions keep
     * theirs. A null keeps the current choice.
     *
     * @throws DomainException 400 naming {@code default_store} or {@code default_environment} when there is no such one
     */
    @Transactional
    public Project chooseDefaults(String id, String store, String environment, Caller caller) {
        Project project = get(id);
        String newStore = store == null ? project.defaultStore() : store;
        String newEnvironment = environment == null ? project.defaultEnvironment() : environment;
        if (!instances.exists(ExtensionPoints.STORAGE, newStore)) {
            throw DomainException.invalid("unknown-data-store", "there is no data store '" + newStore + "'; an admin"
                    + " creates them (POST /api/v1/admin/data-stores)", "default_store");
        }
        if (!instances.exists(ExtensionPoints.COMPUTE, newEnvironment)) {
            throw DomainException.invalid("unknown-environment", "there is no environment '" + newEnvironment
                    + "'; an admin creates them (POST /api/v1/admin/environments)", "default_environment");
        }
        String before = project.defaultStore() + "/" + project.defaultEnvironment();
        project.useDefaults(newStore, newEnvironment);
        audit.record(caller.username(), "project.defaults", project.id(), java.util.Map.of("before", before,
                "after", newStore + "/" + newEnvironment));
        return project;
    }

    /** The projects the caller may see: all for admins, else those they own or are a member of. */
    public List<Project> list(Caller caller) {
        if (caller.isAdmin()) {
            return entityManager.createQuery("SELECT p FROM Project p ORDER BY p.name", Project.class)
                    .getResultList();
        }
        return entityManager.createQuery("SELECT p FROM Project p WHERE p.ownerId = :user OR p.id IN "
                        + "(SELECT m.projectId FROM ProjectMember m WHERE m.userId = :user) ORDER BY p.name",
                        Project.class)
                .setParameter("user", caller.userId()).getResultList();
    }

    /** The project with this id. @throws DomainException 404 when there is none */
    public Project get(String id) {
        Project project = Ids.isId(id) ? entityManager.find(Project.class, id) : null;
        if (project == null) {
            throw DomainException.notFound("project", id);
        }
        return project;
    }

    /**
     * Takes the project's next execution counter. Locks the project's row until the caller's transaction ends, so
     * concurrent executions (on any number of servers) get distinct counters.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int nextCounter(String projectId) {
        entityManager.createQuery("UPDATE Project p SET p.lastCounter = p.lastCounter + 1 WHERE p.id = :id")
                .setParameter("id", projectId).executeUpdate();
        return entityManager.createQuery("SELECT p.lastCounter FROM Project p WHERE p.id = :id", Integer.class)
                .setParameter("id", projectId).getSingleResult();
    }
}
