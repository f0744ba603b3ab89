package io.lathe.server.incontainer;

import static io.lathe.server.incontainer.Refusals.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lathe.server.audit.AuditEvent;
import io.lathe.server.auth.Caller;
import io.lathe.server.commits.CommitService;
import io.lathe.server.data.Datum;
import io.lathe.server.data.DatumService;
import io.lathe.server.executions.InputResolver;
import io.lathe.server.executions.ResolvedInput;
import io.lathe.server.platform.DomainException.Kind;
import io.lathe.server.projects.Project;
import io.lathe.server.registry.DatasetService;
import io.lathe.server.registry.DatasetVersion;
import io.lathe.server.registry.ModelRegistry;
import io.lathe.server.registry.ModelVersion;
import io.lathe.server.valohai.Step;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The registry: datasets in named versions, models in numbered versions with approval, both resolved as execution
 * inputs ({@code dataset://}, {@code model://}).
 */
class RegistryServicesIT extends InContainerTest {

    private static final Step TRAIN = CommitService.parse("""
            - step:
                name: train
                image: busybox
                command: "true"
                inputs:
                  - name: data
                  - name: model
                    optional: true
            """).step("train").orElseThrow();

    @Inject
    DatasetService datasets;
    @Inject
    ModelRegistry models;
    @Inject
    DatumService datums;
    @Inject
    InputResolver inputs;
    @Inject
    Fixtures fixtures;
    @Inject
    Transactions transactions;
    @Inject
    AuditEntries entries;

    private Caller owner;
    private Project project;

    @BeforeEach
    void project() {
        owner = fixtures.newUser();
        project = fixtures.newProject(owner);
    }

    @Test
    void modelVersionsAreNumberedPerModelFromOne() {
        String datum = upload("weights.bin").id();

        assertEquals(1, newModelVersion("classifier", datum).number());
        assertEquals(2, newModelVersion("classifier", datum).number());
        assertEquals(1, newModelVersion("regressor", datum).number(), "each model counts its own versions");
        assertEquals(List.of(2, 1), models.versions(models.get(project.id(), "classifier")).stream()
                .map(ModelVersion::number).toList());
        assertEquals(ModelVersion.State.PENDING, models.version(project.id(), "classifier", "2").state());
    }

    @Test
    void twoTransactionsRacingForTheNextModelVersionGetDistinctNumbers() throws Exception {
        String datum = upload("weights.bin").id();
        newModelVersion("raced", datum);
        CountDownLatch firstNumbered = new CountDownLatch(1);
        long[] firstCommitsAfter = new long[1];

        Future<Integer> first = transactions.committedElsewhere(() -> {
            int number = newModelVersion("raced", datum).number();
            firstNumbered.countDown();
            // Holds its transaction open while the second numbers its version.
            Thread.sleep(400);
            firstCommitsAfter[0] = System.nanoTime();
            return number;
        });
        assertTrue(firstNumbered.await(30, TimeUnit.SECONDS));
        Future<long[]> second = transactions.committedElsewhere(
                () -> new long[] {newModelVersion("raced", datum).number(), System.nanoTime()});

        int firstNumber = first.get(30, TimeUnit.SECONDS);
        long[] secondResult = second.get(30, TimeUnit.SECONDS);
        assertEquals(Set.of(2, 3), Set.of(firstNumber, (int) secondResult[0]));
        assertTrue(secondResult[1] > firstCommitsAfter[0],
                "the second transaction waited for the first to end before numbering its version");
    }

    @Test
    void manyTransactionsNumberVersionsOfANewModelWithoutGapsOrDuplicates() throws Exception {
        String datum = upload("weights.bin").id();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> racers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            racers.add(transactions.committedElsewhere(() -> {
                start.await(30, TimeUnit.SECONDS);
                return newModelVersion("contested", datum).number();
            }));
        }
        start.countDown();
        List<Integer> numbers = new ArrayList<>();
        for (Future<Integer> racer : racers) {
            numbers.add(racer.get(60, TimeUnit.SECONDS));
        }

        assertEquals(List.of(1, 2, 3, 4, 5, 6), numbers.stream().sorted().toList(),
                "the first versions of a new model, made at once, make one model and number 1 to 6: " + numbers);
        assertEquals(List.of(6, 5, 4, 3, 2, 1), models.versions(models.get(project.id(), "contested")).stream()
                .map(ModelVersion::number).toList());
        assertEquals(1, models.list(project.id()).size(), "one model, however many made its first version");
    }

    @Test
    void twoTransactionsMakingTheSameDatasetVersionMakeItOnceAndTheOtherIsAConflict() throws Exception {
        Datum first = upload("first.csv");
        Datum second = upload("second.csv");
        datasets.createVersion(project.id(), spec("existing", "v1", List.of(first.id()), null, null), null,
                owner.userId());

        for (String dataset : List.of("existing", "new")) {
            CountDownLatch made = new CountDownLatch(1);
            Future<String> winner = transactions.committedElsewhere(() -> {
                String id = datasets.createVersion(project.id(), spec(dataset, "v2", List.of(first.id()), null,
                        null), null, owner.userId()).id();
                made.countDown();
                // Holds its transaction open while the other one tries the same name.
                Thread.sleep(400);
                return id;
            });
            assertTrue(made.await(30, TimeUnit.SECONDS));
            Future<String> loser = transactions.committedElsewhere(() -> datasets.createVersion(project.id(),
                    spec(dataset, "v2", List.of(second.id()), null, null), null, owner.userId()).id());

            String made2 = winner.get(30, TimeUnit.SECONDS);
            ExecutionException failure = assertThrows(ExecutionException.class, () -> loser.get(30, TimeUnit.SECONDS));
            assertRefused(Kind.CONFLICT, "version-exists", null, () -> {
                throw failure.getCause();
            });
            DatasetVersion kept = datasets.version(project.id(), dataset, "v2");
            assertEquals(made2, kept.id(), dataset + ": the first version made stays");
            assertEquals(List.of(first.id()), datasets.files(kept).stream().map(Datum::id).toList(),
                    dataset + ": nothing of the refused version was written");
        }
        assertEquals(List.of("existing", "new"), datasets.list(project.id()).stream()
                .map(s -> s.dataset().name()).toList());
    }

    @Test
    void anExcludedNameThatIsNullIsRefusedNamingExclude() {
        Datum kept = upload("kept.csv");
        datasets.createVersion(project.id(), spec("base", "v1", List.of(kept.id()), null, null), null,
                owner.userId());
        List<String> withNull = new ArrayList<>();
        withNull.add(null);

        assertRefused(Kind.INVALID, "invalid-exclude", "exclude", () -> datasets.createVersion(project.id(),
                spec("base", "v2", List.of(), "v1", withNull), null, owner.userId()));
    }

    @Test
    void modelVersionsNeedLiveFilesOfTheProjectAndAName() {
        Datum purged = upload("old.bin");
        datums.purge(purged.id(), owner);
        Datum elsewhere = datums.upload(fixtures.newProject(owner).id(), "other.bin", List.of(),
                new ByteArrayInputStream(new byte[] {1}), owner);

        assertRefused(Kind.INVALID, "empty-version", "files",
                () -> models.createVersion(project.id(), "empty", List.of(), null, null, null, owner.userId()));
        assertRefused(Kind.INVALID, "purged-datum", "files", () -> newModelVersion("stale", purged.id()));
        assertRefused(Kind.INVALID, "unknown-datum", "files", () -> newModelVersion("stolen", elsewhere.id()));
        assertRefused(Kind.INVALID, "invalid-name", "model", () -> newModelVersion("no spaces", upload("a").id()));
        assertEquals(List.of(), models.list(project.id()), "refused versions make no model");
    }

    @Test
    void approvalIsRecordedAndLatestApprovedNamesTheNewestApprovedVersion() {
        Datum v1 = upload("v1.bin");
        Datum v2 = upload("v2.bin");
        newModelVersion("ranker", v1.id());
        newModelVersion("ranker", v2.id());

        assertRefused(Kind.INVALID, "unknown-model-version", "inputs.model",
                () -> resolve(Map.of("data", "datum://" + v1.id(), "model", "model://ranker/latest-approved")));
        models.decide(project.id(), "ranker", "1", ModelVersion.State.APPROVED, "good enough", owner);
        models.decide(project.id(), "ranker", "2", ModelVersion.State.REJECTED, "overfits", owner);

        assertEquals(List.of(v1.id()), modelFiles("model://ranker/latest-approved"));
        assertEquals(List.of(v2.id()), modelFiles("model://ranker/latest"));
        assertEquals(List.of(v1.id()), modelFiles("model://ranker/1"));
        assertEquals(List.of(v2.id()), modelFiles("model://ranker/"), "no version means the latest");
        ModelVersion approved = models.version(project.id(), "ranker", "1");
        assertEquals(ModelVersion.State.APPROVED, approved.state());
        assertEquals(owner.userId(), approved.decidedBy());
        assertEquals("good enough", approved.decisionComment());

        AuditEvent approval = entries.on("model://ranker/1").stream()
                .filter(a -> project.id().equals(AuditEntries.detail(a, "project"))).findFirst().orElseThrow();
        assertEquals("model-version.approve", approval.action());
        assertEquals("pending", AuditEntries.detail(approval, "before"));
        assertEquals("approved", AuditEntries.detail(approval, "after"));
    }

    @Test
    void datasetVersionsAreNamedOnceAndLatestIsTheNewest() throws InterruptedException {
        Datum train = upload("train.csv");
        Datum test = upload("test.csv");
        datasets.createVersion(project.id(), spec("images", "v1", List.of(train.id()), null, null), null,
                owner.userId());
        // Newest is by creation time, to the millisecond.
        Thread.sleep(3);
        datasets.createVersion(project.id(), spec("images", "v2", List.of(train.id(), test.id()), null, null), null,
                owner.userId());

        assertRefused(Kind.CONFLICT, "version-exists", null, () -> datasets.createVersion(project.id(),
                spec("images", "v1", List.of(test.id()), null, null), null, owner.userId()));
        assertRefused(Kind.INVALID, "invalid-name", "version", () -> datasets.createVersion(project.id(),
                spec("images", "latest", List.of(test.id()), null, null), null, owner.userId()));
        assertRefused(Kind.INVALID, "empty-version", "files", () -> datasets.createVersion(project.id(),
                spec("images", "v3", List.of(), null, null), null, owner.userId()));

        assertEquals(List.of("v2", "v1"), datasets.versions(datasets.get(project.id(), "images")).stream()
                .map(DatasetVersion::name).toList());
        assertEquals(Set.of(train.id(), test.id()), Set.copyOf(dataFiles("dataset://images/latest")));
        assertEquals(List.of(train.id()), dataFiles("dataset://images/v1"));
        assertRefused(Kind.INVALID, "unknown-dataset-version", "inputs.data",
                () -> resolve(Map.of("data", "dataset://images/v9")));
        assertRefused(Kind.INVALID, "unknown-dataset", "inputs.data",
                () -> resolve(Map.of("data", "dataset://nothing/v1")));
    }

    @Test
    void aDatasetVersionCanBeAnotherMinusSomeFilesPlusNewOnes() {
        Datum keep = upload("keep.csv");
        Datum drop = upload("sub/drop.csv");
        Datum added = upload("added.csv");
        datasets.createVersion(project.id(), spec("tables", "base", List.of(keep.id(), drop.id()), null, null), null,
                owner.userId());

        DatasetVersion derived = datasets.createVersion(project.id(), spec("tables", "derived", List.of(added.id()),
                "base", List.of("drop.csv")), null, owner.userId());

        assertEquals(List.of(added.id(), keep.id()), datasets.files(derived).stream().map(Datum::id).toList(),
                "files by name; excluded by file name or full name");
    }

    private ModelVersion newModelVersion(String model, String datumId) {
        return models.createVersion(project.id(), model, List.of(datumId), null, null, null, owner.userId());
    }

    private static DatasetService.VersionSpec spec(String dataset, String version, List<String> files, String from,
            List<String> exclude) {
        return new DatasetService.VersionSpec(dataset, version, files, from, exclude);
    }

    private List<ResolvedInput> resolve(Map<String, Object> given) {
        return inputs.resolve(project.id(), TRAIN, given);
    }

    /** The datums input {@code data} gets from this URI. */
    private List<String> dataFiles(String uri) {
        return datumIdsOf("data", resolve(Map.of("data", uri)));
    }

    /** The datums input {@code model} gets from this URI (with a file for the required input {@code data}). */
    private List<String> modelFiles(String uri) {
        return datumIdsOf("model", resolve(Map.of("data", "datum://" + upload("data.csv").id(), "model", uri)));
    }

    private static List<String> datumIdsOf(String input, List<ResolvedInput> resolved) {
        return resolved.stream().filter(r -> r.inputName().equals(input)).map(ResolvedInput::datumId).toList();
    }

    private Datum upload(String name) {
        return datums.upload(project.id(), name, List.of(), new ByteArrayInputStream(
                name.getBytes(StandardCharsets.UTF_8)), owner);
    }
}
