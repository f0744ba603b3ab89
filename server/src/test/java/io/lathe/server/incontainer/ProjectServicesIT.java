package io.lathe.server.incontainer;

import static io.lathe.server.incontainer.Refusals.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lathe.server.accounts.Accounts;
import io.lathe.server.accounts.Memberships;
import io.lathe.server.audit.AuditEvent;
import io.lathe.server.auth.AccessControl;
import io.lathe.server.auth.Caller;
import io.lathe.server.auth.ProjectRole;
import io.lathe.server.platform.DomainException;
import io.lathe.server.platform.DomainException.Kind;
import io.lathe.server.projects.Project;
import io.lathe.server.projects.ProjectService;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionalException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Projects: names, defaults, who sees them, and execution counters handed out under concurrency. */
class ProjectServicesIT extends InContainerTest {

    @Inject
    ProjectService projects;
    @Inject
    AccessControl access;
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

    @BeforeEach
    void owner() {
        owner = fixtures.newUser();
    }

    @Test
    void aNewProjectUsesTheDefaultStoreAndEnvironmentAndAnEmptyDescription() {
        Project project = projects.create("defaults-" + Fixtures.unique(), null, owner);

        Project stored = projects.get(project.id());
        assertEquals(project.name(), stored.name());
        assertEquals(owner.userId(), stored.ownerId());
        assertEquals("local", stored.defaultStore());
        assertEquals("local", stored.defaultEnvironment());
        assertEquals("", stored.description());
    }

    @Test
    void namesAreWordsOfAtMostAHundredCharacters() {
        String longest = "a".repeat(100);
        assertEquals(longest, projects.create(longest, "", owner).name());
        assertEquals("v1.2_final-run", projects.create("v1.2_final-run", "", owner).name());

        for (String name : new String[] {null, "", ".hidden", "-dash", "with space", "slash/name", "a".repeat(101)}) {
            assertRefused(Kind.INVALID, "invalid-name", "name", () -> projects.create(name, null, owner));
        }
        assertRefused(Kind.INVALID, "invalid-description", "description",
                () -> projects.create("described", "d".repeat(2001), owner));
        assertEquals(List.of(longest, "v1.2_final-run"), projects.list(owner).stream().map(Project::name).toList());
    }

    @Test
    void aNameIsTakenPerOwner() {
        String name = "shared-name-" + Fixtures.unique();
        projects.create(name, null, owner);

        assertRefused(Kind.CONFLICT, "name-taken", null, () -> projects.create(name, null, owner));
        Caller other = fixtures.newUser();
        assertEquals(name, projects.create(name, null, other).name(), "another owner may use the same name");
    }

    @Test
    void ownersMembersAndAdminsSeeAProjectStrangersDoNot() {
        Project project = fixtures.newProject(owner);
        Caller reader = fixtures.newUser();
        Caller writer = fixtures.newUser();
        Caller stranger = fixtures.newUser();
        memberships.set(owner, project.id(), reader.username(), "read");
        memberships.set(owner, project.id(), writer.username(), "write");

        assertEquals(ProjectRole.OWNER, access.roleIn(owner, project.id()));
        assertEquals(ProjectRole.OWNER, access.roleIn(fixtures.admin(), project.id()));
        assertEquals(ProjectRole.READ, access.roleIn(reader, project.id()));
        assertEquals(ProjectRole.WRITE, access.roleIn(writer, project.id()));
        assertEquals(ProjectRole.NONE, access.roleIn(stranger, project.id()));

        assertTrue(ids(projects.list(reader)).contains(project.id()));
        assertTrue(ids(projects.list(fixtures.admin())).contains(project.id()));
        assertFalse(ids(projects.list(stranger)).contains(project.id()));

        access.requireProject(writer, project.id(), ProjectRole.WRITE);
        assertRefused(Kind.FORBIDDEN, "forbidden", null,
                () -> access.requireProject(reader, project.id(), ProjectRole.WRITE));
        // A stranger is told there is no such project, exactly as if it did not exist.
        assertRefused(Kind.NOT_FOUND, "not-found", null,
                () -> access.requireProject(stranger, project.id(), ProjectRole.READ));
        assertRefused(Kind.INVALID, "owner-not-member", "username",
                () -> memberships.set(owner, project.id(), owner.username(), "read"));
    }

    @Test
    void membershipRefusalsDoNotTellWhichUsernamesExist() {
        Project project = fixtures.newProject(owner);
        Caller disabled = fixtures.newUser();
        accounts.updateUser(fixtures.admin(), disabled.username(), true, null, null);
        Caller notMember = fixtures.newUser();

        DomainException missing = assertRefused(Kind.INVALID, "cannot-add-member", "username",
                () -> memberships.set(owner, project.id(), "nobody-" + Fixtures.unique(), "read"));
        DomainException inactive = assertRefused(Kind.INVALID, "cannot-add-member", "username",
                () -> memberships.set(owner, project.id(), disabled.username(), "read"));
        assertEquals(missing.getMessage().replaceAll("'[^']*'", "''"),
                inactive.getMessage().replaceAll("'[^']*'", "''"), "the same words but for the name");

        DomainException noUser = assertRefused(Kind.NOT_FOUND, "not-found", null,
                () -> memberships.remove(owner, project.id(), "nobody-" + Fixtures.unique()));
        DomainException userNotMember = assertRefused(Kind.NOT_FOUND, "not-found", null,
                () -> memberships.remove(owner, project.id(), notMember.username()));
        assertEquals(noUser.getMessage().replaceAll("'[^']*'", "''"),
                userNotMember.getMessage().replaceAll("'[^']*'", "''"));
    }

    @Test
    void choosingDefaultsChecksThemAndIsAudited() {
        Project project = fixtures.newProject(owner);

        assertRefused(Kind.INVALID, "unknown-data-store", "default_store",
                () -> projects.chooseDefaults(project.id(), "no-such-store", null, owner));
        assertRefused(Kind.INVALID, "unknown-environment", "default_environment",
                () -> projects.chooseDefaults(project.id(), null, "no-such-environment", owner));
        assertEquals(List.of(), entries.on(project.id()), "a refused change leaves no audit entry");

        projects.chooseDefaults(project.id(), "local", "local", owner);
        List<AuditEvent> recorded = entries.on(project.id());
        assertEquals(1, recorded.size());
        assertEquals("project.defaults", recorded.get(0).action());
        assertEquals(owner.username(), recorded.get(0).actor());
    }

    @Test
    void unknownProjectsAreNotFound() {
        assertRefused(Kind.NOT_FOUND, "not-found", null, () -> projects.get("not-an-id"));
        assertRefused(Kind.NOT_FOUND, "not-found", null, () -> projects.get("00000000-0000-7000-8000-000000000000"));
    }

    @Test
    void countersAreOnlyTakenInTheCallersTransaction() throws Exception {
        Project project = fixtures.newProject(owner);

        assertThrows(TransactionalException.class, () -> projects.nextCounter(project.id()));
        assertEquals(1, transactions.committed(() -> projects.nextCounter(project.id())));
        transactions.rolledBack(() -> projects.nextCounter(project.id()));
        assertEquals(2, transactions.committed(() -> projects.nextCounter(project.id())),
                "a rolled-back counter is given again");
    }

    @Test
    void twoTransactionsRacingForTheNextCounterGetDistinctOnes() throws Exception {
        Project project = fixtures.newProject(owner);
        CountDownLatch firstTookOne = new CountDownLatch(1);
        long[] firstCommitsAfter = new long[1];

        Future<Integer> first = transactions.committedElsewhere(() -> {
            int counter = projects.nextCounter(project.id());
            firstTookOne.countDown();
            // Holds its transaction open while the second asks for a counter.
            Thread.sleep(400);
            firstCommitsAfter[0] = System.nanoTime();
            return counter;
        });
        assertTrue(firstTookOne.await(30, TimeUnit.SECONDS));
        Future<long[]> second = transactions.committedElsewhere(
                () -> new long[] {projects.nextCounter(project.id()), System.nanoTime()});

        int firstCounter = first.get(30, TimeUnit.SECONDS);
        long[] secondResult = second.get(30, TimeUnit.SECONDS);
        assertEquals(Set.of(1, 2), Set.of(firstCounter, (int) secondResult[0]));
        assertTrue(secondResult[1] > firstCommitsAfter[0],
                "the second transaction waited for the first to end before taking its counter");
    }

    private static List<String> ids(List<Project> list) {
        return list.stream().map(Project::id).toList();
    }
}
