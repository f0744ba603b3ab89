package io.lathe.server.incontainer;

import static io.lathe.server.incontainer.Refusals.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lathe.server.audit.AuditEvent;
import io.lathe.server.auth.Caller;
import io.lathe.server.platform.DomainException.Kind;
import io.lathe.server.platform.LatheSettings;
import io.lathe.server.platform.OlderSealedValues;
import io.lathe.server.variables.ProjectVariable;
import io.lathe.server.variables.ProjectVariables;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A project's environment variables: set and unset, secrets sealed at rest and never shown, resolved for runs. */
class VariableServicesIT extends InContainerTest {

    @Inject
    ProjectVariables variables;
    @Inject
    Fixtures fixtures;
    @Inject
    EntityManager entityManager;
    @Inject
    AuditEntries entries;
    @Inject
    LatheSettings settings;
    @Inject
    Transactions transactions;

    private Caller owner;
    private String project;

    @BeforeEach
    void project() {
        owner = fixtures.newUser();
        project = fixtures.newProject(owner).id();
    }

    @Test
    void plainVariablesAreShownAndResolvedAsGiven() {
        variables.set(owner, project, "EPOCHS", "10", null);
        variables.set(owner, project, "BATCH_SIZE", "32", false);

        List<ProjectVariable> listed = variables.list(project);
        assertEquals(List.of("BATCH_SIZE", "EPOCHS"), listed.stream().map(ProjectVariable::name).toList());
        assertEquals("32", ProjectVariables.shownValue(listed.get(0)));
        assertEquals(Map.of("BATCH_SIZE", "32", "EPOCHS", "10"), variables.resolve(project).values());
        assertEquals(List.of(), variables.resolve(project).secretValues());
    }

    @Test
    void secretsAreSealedAtRestMaskedWhenShownAndOpenedOnlyForRuns() {
        String secret = "s3cr3t-token-" + Fixtures.unique();
        variables.set(owner, project, "API_TOKEN", secret, true);

        ProjectVariable listed = variables.list(project).get(0);
        assertTrue(listed.secret());
        assertNull(ProjectVariables.shownValue(listed), "a secret's value is never shown");
        String stored = storedValue("API_TOKEN");
        assertFalse(stored.contains(secret), "the row holds no plain text: " + stored);
        assertTrue(stored.startsWith("v2:"), stored);

        ProjectVariables.Resolved resolved = variables.resolve(project);
        assertEquals(secret, resolved.values().get("API_TOKEN"));
        assertEquals(List.of(secret), resolved.secretValues(), "runs mask the secret values in their logs");

        assertEquals(1, auditOf("variable.set").size());
        AuditEvent entry = auditOf("variable.set").get(0);
        assertFalse(entry.details().toString().contains(secret), "the audit trail never holds a secret: "
                + entry.details());
        assertEquals("API_TOKEN", AuditEntries.detail(entry, "name"));
        assertEquals("true", AuditEntries.detail(entry, "secret"));
    }

    @Test
    void aSealedSecretCopiedIntoAnotherProjectsRowDoesNotOpenThere() throws Exception {
        variables.set(owner, project, "API_TOKEN", "only for the first project", true);
        String other = fixtures.newProject(owner).id();
        variables.set(owner, other, "API_TOKEN", "the other project's", true);
        variables.set(owner, project, "OTHER_NAME", "x", true);

        transactions.committed(() -> entityManager.createNativeQuery("UPDATE project_variable SET var_value = ?1"
                + " WHERE project_id = ?2 AND name = 'API_TOKEN'").setParameter(1, storedValue("API_TOKEN"))
                .setParameter(2, other).executeUpdate());
        IllegalStateException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> variables.resolve(other));
        assertFalse(refused.getMessage().contains("only for the first project"));
        transactions.committed(() -> entityManager.createNativeQuery("UPDATE project_variable SET var_value = ?1"
                + " WHERE project_id = ?2 AND name = 'OTHER_NAME'").setParameter(1, storedValue("API_TOKEN"))
                .setParameter(2, project).executeUpdate());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> variables.resolve(project),
                "nor under another name in the same project");
    }

    @Test
    void secretsSealedByAnOlderServerOpenAndAreSealedAgainBoundToTheirPlace() throws Exception {
        variables.set(owner, project, "OLD_SECRET", "placeholder", true);
        String older = OlderSealedValues.v1(settings.secretsDirectory(), "sealed long ago");
        transactions.committed(() -> entityManager.createNativeQuery("UPDATE project_variable SET var_value = ?1"
                + " WHERE project_id = ?2 AND name = 'OLD_SECRET'").setParameter(1, older).setParameter(2, project)
                .executeUpdate());
        assertEquals("sealed long ago", variables.resolve(project).values().get("OLD_SECRET"), "v1 still opens");

        assertTrue(variables.resealOlderSecrets() >= 1);
        String resealed = storedValue("OLD_SECRET");
        assertTrue(resealed.startsWith("v2:"), resealed);
        assertEquals("sealed long ago", variables.resolve(project).values().get("OLD_SECRET"));
        assertEquals(0, variables.resealOlderSecrets(), "nothing is left to seal again");
    }

    @Test
    void settingAgainReplacesTheValueAndWhetherItIsSecret() {
        variables.set(owner, project, "REGION", "hidden", true);
        variables.set(owner, project, "REGION", "eu-north-1", false);

        ProjectVariable listed = variables.list(project).get(0);
        assertFalse(listed.secret());
        assertEquals("eu-north-1", storedValue("REGION"));
        assertEquals(Map.of("REGION", "eu-north-1"), variables.resolve(project).values());
    }

    @Test
    void unsetVariablesAreGoneAndUnsettingOneTwiceIsNotFound() {
        variables.set(owner, project, "TEMPORARY", "1", false);
        variables.remove(owner, project, "TEMPORARY");

        assertEquals(List.of(), variables.list(project));
        assertEquals(Map.of(), variables.resolve(project).values());
        assertRefused(Kind.NOT_FOUND, "not-found", null, () -> variables.remove(owner, project, "TEMPORARY"));
        // Both may be written within the same millisecond, where ids do not order them.
        assertEquals(List.of("variable.delete", "variable.set"),
                auditOf(null).stream().map(AuditEvent::action).sorted().toList());
    }

    @Test
    void namesAreShellNamesNotLathesOwnAndValuesHaveALimit() {
        for (String name : new String[] {null, "", "1ST", "WITH-DASH", "WITH SPACE", "VH_OUTPUTS_DIR"}) {
            assertRefused(Kind.INVALID, "invalid-name", "name", () -> variables.set(owner, project, name, "x", false));
        }
        assertRefused(Kind.INVALID, "invalid-value", "value", () -> variables.set(owner, project, "NULL", null, false));
        assertRefused(Kind.INVALID, "invalid-value", "value",
                () -> variables.set(owner, project, "LONG", "x".repeat(8001), false));
        variables.set(owner, project, "LONGEST", "x".repeat(8000), false);
        variables.set(owner, project, "_private1", "x", false);

        assertEquals(List.of("LONGEST", "_private1"), variables.list(project).stream().map(ProjectVariable::name)
                .toList());
        assertEquals(2, auditOf("variable.set").size(), "refused changes leave no audit entry");
    }

    private String storedValue(String name) {
        return (String) entityManager.createNativeQuery("SELECT var_value FROM project_variable"
                + " WHERE project_id = ?1 AND name = ?2").setParameter(1, project).setParameter(2, name)
                .getSingleResult();
    }

    /** The project's audit entries of one action, or all when it is null. */
    private List<AuditEvent> auditOf(String action) {
        return entries.on("project " + project).stream()
                .filter(a -> action == null || a.action().equals(action)).toList();
    }
}
