package io.lathe.server.variables;

import io.lathe.server.platform.DomainException;
import io.lathe.server.audit.AuditLog;
import io.lathe.server.auth.Caller;
import io.lathe.server.platform.SecretBox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/** A project's environment variables: set, listed (secrets without their value), removed, and resolved for runs. */
@ApplicationScoped
@Transactional
public class ProjectVariables {

    private static final Logger LOG = Logger.getLogger(ProjectVariables.class.getName());

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,199}");
    static final int MAX_VALUE_CHARS = 8000;

    @PersistenceContext(unitName = "lathe")
    private EntityManager em;

    @Inject
    SecretBox secrets;
    @Inject
    AuditLog audit;

    /** What an execution gets: names and plain values, secrets decrypted, with the secret ones marked. */
    public record Resolved(Map<String, String> values, List<String> secretValues) {
    }

    public List<ProjectVariable> list(String projectId) {
        return em.createQuery("SELECT v FROM ProjectVariable v WHERE v.projectId = :p ORDER BY v.name",
                ProjectVariable.class).setParameter("p", projectId).getResultList();
    }

    public ProjectVariable set(Caller caller, String projectId, String name, String value, Boolean secret) {
        if (name == null || !NAME.matcher(name).matches() || name.startsWith("VH_")) {
            throw DomainException.invalid("invalid-name", "a variable name is letters, digits and '_', not "
                    + "starting with a digit or VH_ (those are Lathe's own)", "name");
        }
        if (value == null || value.length() > MAX_VALUE_CHARS) {
            throw DomainException.invalid("invalid-value", "give a value of at most " + MAX_VALUE_CHARS
                    + " characters", "value");
        }
        boolean isSecret = Boolean.TRUE.equals(secret);
        String stored = isSecret ? secrets.encrypt(value, boundTo(projectId, name)) : value;
        long now = System.currentTimeMillis();
        ProjectVariable variable = em.find(ProjectVariable.class, new ProjectVariable.Key(projectId, name));
        if (variable == null) {
            variable = new ProjectVariable(projectId, name, stored, isSecret, now);
            em.persist(variable);
        } else {
            variable.replace(stored, isSecret, now);
        }
        audit.record(caller.username(), "variable.set", "project " + projectId, Map.of("name", name,
                "secret", isSecret));
        return variable;
    }

    public void remove(Caller caller, String projectId, String name) {
        ProjectVariable variable = em.find(ProjectVariable.class, new ProjectVariable.Key(projectId, name));
        if (variable == null) {
            throw DomainException.notFound("variable", name);
        }
        em.remove(variable);
        audit.record(caller.username(), "variable.delete", "project " + projectId, Map.of("name", name));
    }

    /** The plain value of a variable that is not secret; null for secrets. */
    public static String shownValue(ProjectVariable variable) {
        return variable.secret() ? null : variable.storedValue();
    }

    /**
     * Seals again every secret sealed before values were bound to their project and name (at start-up): from then
     * on none of them opens in another row. A value that cannot be opened (a replaced master key) is left as it is
     * and logged; it fails where it is used, as before.
     *
     * @return how many were sealed again
     */
    public int resealOlderSecrets() {
        int resealed = 0;
        for (ProjectVariable variable : em.createQuery("SELECT v FROM ProjectVariable v WHERE v.secret = TRUE",
                ProjectVariable.class).getResultList()) {
            if (secrets.isCurrent(variable.storedValue())) {
                continue;
            }
            String boundTo = boundTo(variable.projectId(), variable.name());
            try {
                variable.reseal(secrets.encrypt(secrets.decrypt(variable.storedValue(), boundTo), boundTo));
                resealed++;
            } catch (IllegalStateException e) {
                LOG.warning("cannot seal again the secret variable " + variable.name() + " of project "
                        + variable.projectId() + ": " + e.getMessage());
            }
        }
        return resealed;
    }

    /**
     * What a secret's sealed value is bound to: its project and name, so that a sealed value copied into another
     * project's (or variable's) row does not open there.
     */
    static String boundTo(String projectId, String name) {
        return "project-variable:" + projectId + "/" + name;
    }

    public Resolved resolve(String projectId) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> secretValues = new java.util.ArrayList<>();
        for (ProjectVariable variable : list(projectId)) {
            String value = variable.secret()
                    ? secrets.decrypt(variable.storedValue(), boundTo(projectId, variable.name()))
                    : variable.storedValue();
            values.put(variable.name(), value);
            if (variable.secret()) {
                secretValues.add(value);
            }
        }
        return new Resolved(values, secretValues);
    }
}
