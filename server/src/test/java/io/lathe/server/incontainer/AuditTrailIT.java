package io.lathe.server.incontainer;

import static io.lathe.server.incontainer.Refusals.assertRefused;
import static io.lathe.server.incontainer.AuditEntries.detail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lathe.server.accounts.Accounts;
import io.lathe.server.accounts.Memberships;
import io.lathe.server.audit.AuditEvent;
import io.lathe.server.audit.AuditLog;
import io.lathe.server.auth.Caller;
import io.lathe.server.platform.DomainException.Kind;
import io.lathe.server.variables.ProjectVariables;
import jakarta.inject.Inject;
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
    AuditEntries entries;

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
            assertEquals(List.of("variable.set"), entries.actionsOn("project " + project),
                    "the entry is written with the change, in its transaction");
            return null;
        });

        assertEquals(List.of(), variables.list(project));
        assertEquals(List.of(), entries.actionsOn("project " + project), "rolled back with the change");
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
        assertEquals(List.of(), entries.actionsOn("project " + project));
    }

    @Test
    void aChangeThatCommitsHasItsEntryWithActorAndDetails() {
        memberships.set(owner, project, fixtures.newUser().username(), "read");

        List<AuditEvent> recorded = entries.on("project " + project);
        assertEquals(1, recorded.size());
        assertEquals("member.set", recorded.get(0).action());
        assertEquals(owner.username(), recorded.get(0).actor());
        assertEquals("none", detail(recorded.get(0), "before"));
        assertEquals("read", detail(recorded.get(0), "after"));
    }

    @Test
    void aFailedSignInIsRecordedThoughTheSignInIsRefusedAndRepeatsOnlyOncePerWindow() {
        Caller user = fixtures.newUser();

        for (int i = 0; i < 3; i++) {
            assertRefused(Kind.UNAUTHENTICATED, "wrong-credentials", null,
                    () -> accounts.authenticate(user.username(), "not the password", "api", "192.0.2.1"));
        }

        List<AuditEvent> recorded = entries.on(user.username()).stream()
                .filter(e -> e.action().startsWith("sign-in")).toList();
        assertEquals(1, recorded.size(), "three failures in a row are one entry");
        assertEquals("sign-in.failed", recorded.get(0).action());
        assertNull(recorded.get(0).actor(), "nobody is signed in");
        assertEquals("api", detail(recorded.get(0), "via"));
        assertEquals("192.0.2.1", detail(recorded.get(0), "address"));
        assertEquals("1", detail(recorded.get(0), "failures"));
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
        assertEquals(List.of("3", "2", "1"), newest.stream().map(e -> detail(e, "step")).toList());
        List<AuditEvent> older = audit.page(newest.get(0).id(), 2);
        assertEquals(List.of(newest.get(1).id(), newest.get(2).id()), older.stream().map(AuditEvent::id).toList());
    }

}
