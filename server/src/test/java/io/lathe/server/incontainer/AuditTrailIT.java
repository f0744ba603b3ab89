package io.lathe.server.incontainer;

import static io.lathe.server.incontainer.Refusals.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lathe.server.audit.AuditEvent;
import io.lathe.server.audit.AuditLog;
import io.lathe.server.auth.Accounts;
import io.lathe.server.auth.Caller;
import io.lathe.server.auth.Memberships;
import io.lathe.server.platform.DomainException.Kind;
import io.lathe.server.variables.ProjectVariables;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.RollbackException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The audit trail: an entry is written in the transaction of the change it records, so it commits and rolls back
 * with the change; failed sign-ins are the one refusal that is recorded.
 */
class AuditTrailIT extends InContainerTest {

    @Inject
    AuditLog audit;
    @Inject
    ProjectVariables variables;
    @Inject
    Memberships memberships;
    @Inject
    Accounts accounts;
    @Inject
    Fixtures fixtures;
    @Inject
    Transactions transactions;
    @Inject
    EntityManager entityManager;

    private Caller owner;
    private String project;

    @BeforeEach
    void project() {
        owner = fixtures.newUser();
        project = fixtures.newProject(owner).id();
    }

    @Test
    void anEntryIsPartOfItsChangesTransaction() throws Exception {
        transactions.rolledBack(() -> {
            variables.set(owner, project, "ROLLED_BACK", "1", false);
            assertEquals(List.of("variable.set"), actionsOn("project " + project),
                    "the entry is written with the change, in its transaction");
            return null;
        });

        assertEquals(List.of(), variables.list(project));
        assertEquals(List.of(), actionsOn("project " + project), "rolled back with the change");
    }

    @Test
    void aRefusalLaterInTheTransactionTakesTheEarlierChangeAndItsEntryBack() {
        assertThrows(RollbackException.class, () -> transactions.committed(() -> {
            variables.set(owner, project, "BEFORE_REFUSAL", "1", false);
            // The caller goes on after the refusal, but the refused call has marked the transaction for rollback.
            assertRefused(Kind.INVALID, "owner-not-member", "username",
                    () -> memberships.set(owner, project, owner.username(), "write"));
            return null;
        }));

        assertEquals(List.of(), variables.list(project));
        assertEquals(List.of(), actionsOn("project " + project));
    }

    @Test
    void aChangeThatCommitsHasItsEntryWithActorAndDetails() {
        memberships.set(owner, project, fixtures.newUser().username(), "read");

        List<AuditEvent> entries = entriesOn("project " + project);
        assertEquals(1, entries.size());
        assertEquals("member.set", entries.get(0).action());
        assertEquals(owner.username(), entries.get(0).actor());
        assertEquals("none", jsonValue(entries.get(0).details(), "before"));
        assertEquals("read", jsonValue(entries.get(0).details(), "after"));
    }

    @Test
    void aFailedSignInIsRecordedThoughTheSignInIsRefused() {
        Caller user = fixtures.newUser();

        assertRefused(Kind.UNAUTHENTICATED, "wrong-credentials", null,
                () -> accounts.authenticate(user.username(), "not the password", "api"));

        List<AuditEvent> entries = entriesOn(user.username()).stream()
                .filter(e -> e.action().startsWith("sign-in")).toList();
        assertEquals(1, entries.size());
        assertEquals("sign-in.failed", entries.get(0).action());
        assertNull(entries.get(0).actor(), "nobody is signed in");
        assertEquals("api", jsonValue(entries.get(0).details(), "via"));
    }

    @Test
    void pagesAreNewestFirstAndContinueBeforeTheLastEntrySeen() throws InterruptedException {
        String target = "paging " + Fixtures.unique();
        for (int i = 1; i <= 3; i++) {
            audit.record(owner.username(), "test.step", target, Map.of("step", i));
            // Ids order entries by their millisecond only.
            Thread.sleep(3);
        }

        List<AuditEvent> newest = audit.page(null, 3);
        assertEquals(List.of("3", "2", "1"), newest.stream().map(e -> jsonValue(e.details(), "step")).toList());
        List<AuditEvent> older = audit.page(newest.get(0).id(), 2);
        assertEquals(List.of(newest.get(1).id(), newest.get(2).id()), older.stream().map(AuditEvent::id).toList());
    }

    private List<AuditEvent> entriesOn(String target) {
        return entityManager.createQuery("SELECT a FROM AuditEvent a WHERE a.target = :t ORDER BY a.id",
                AuditEvent.class).setParameter("t", target).getResultList();
    }

    private List<String> actionsOn(String target) {
        return entriesOn(target).stream().map(AuditEvent::action).toList();
    }

    private static String jsonValue(String json, String name) {
        jakarta.json.JsonValue value = jakarta.json.Json.createReader(new java.io.StringReader(json)).readObject()
                .get(name);
        return value instanceof jakarta.json.JsonString text ? text.getString() : String.valueOf(value);
    }
}
