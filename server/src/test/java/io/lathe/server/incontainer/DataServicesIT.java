package io.lathe.server.incontainer;

import static io.lathe.server.incontainer.Refusals.assertRefused;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lathe.plugin.api.PluginException;
import io.lathe.server.audit.AuditEvent;
import io.lathe.server.auth.Caller;
import io.lathe.server.data.Datum;
import io.lathe.server.data.DatumAliasChange;
import io.lathe.server.data.DatumCursor;
import io.lathe.server.data.DatumLineage;
import io.lathe.server.data.DatumQuery;
import io.lathe.server.data.DatumRepository;
import io.lathe.server.data.DatumService;
import io.lathe.server.data.DatumView;
import io.lathe.server.executions.CreateExecution;
import io.lathe.server.executions.Execution;
import io.lathe.server.executions.ExecutionService;
import io.lathe.server.instances.InstanceAdmin;
import io.lathe.server.instances.LiveInstances;
import io.lathe.server.platform.DomainException.Kind;
import io.lathe.server.plugins.points.ExtensionPoints;
import io.lathe.server.projects.Project;
import io.lathe.server.projects.ProjectService;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Datums: stored with their checksum, found by name and tag, named by aliases, purged, and traced through lineage. */
class DataServicesIT extends InContainerTest {

    /** Steps that run and end at once: the tests record their outputs themselves, as the engine would. */
    private static final String STEPS = """
            - step:
                name: produce
                image: busybox
                command: "true"
            - step:
                name: consume
                image: busybox
                command: "true"
                inputs:
                  - name: model
            """;

    @Inject
    DatumService datums;
    @Inject
    DatumRepository repository;
    @Inject
    DatumLineage lineage;
    @Inject
    ExecutionService executions;
    @Inject
    ProjectService projects;
    @Inject
    LiveInstances instances;
    @Inject
    InstanceAdmin instanceAdmin;
    @Inject
    Fixtures fixtures;
    @Inject
    EntityManager entityManager;
    @Inject
    AuditEntries entries;

    /** Files of the test's own, in the server's file system. */
    @TempDir
    Path folder;

    private Caller owner;
    private Project project;

    @BeforeEach
    void project() {
        owner = fixtures.newUser();
        project = fixtures.newProject(owner);
    }

    @Test
    void anUploadIsStoredWithItsSizeChecksumAndTags() throws IOException {
        byte[] content = "0123456789abcdef".getBytes(StandardCharsets.UTF_8);
        Datum datum = datums.upload(project.id(), "raw/train.csv", List.of("raw", "csv"), stream(content), owner);

        assertEquals("raw/train.csv", datum.name());
        assertEquals("train.csv", datum.fileName());
        assertEquals(16, datum.size());
        assertEquals(sha256(content), datum.sha256());
        assertEquals(project.defaultStore(), datum.store());
        try (InputStream all = datums.open(datum, 0); InputStream tail = datums.open(datum, 10)) {
            assertArrayEquals(content, all.readAllBytes());
            assertEquals("abcdef", new String(tail.readAllBytes(), StandardCharsets.UTF_8));
        }
        DatumView view = datums.view(datums.get(datum.id()));
        assertEquals(List.of("csv", "raw"), view.tags());
        assertEquals("datum://" + datum.id(), view.uri());

        assertEquals(List.of(datum.id()), ids(datums.search(query("raw/", null))));
        assertEquals(List.of(datum.id()), ids(datums.search(query(null, "csv"))));
        assertEquals(List.of(), ids(datums.search(query("models/", null))));
    }

    @Test
    void searchPagesWalkEveryDatumOnceNewestFirst() throws InterruptedException {
        List<String> uploaded = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            uploaded.add(0, datums.upload(project.id(), "pages/" + i, List.of(), stream(new byte[] {(byte) i}), owner)
                    .id());
            // Newest first is by creation time, to the millisecond.
            Thread.sleep(3);
        }

        DatumService.Page first = datums.search(new DatumQuery(project.id(), "pages/", null, null, null, null, null,
                null, null, 2));
        assertEquals(uploaded.subList(0, 2), ids(first));
        List<String> seen = new java.util.ArrayList<>(ids(first));
        String next = first.next();
        while (next != null) {
            DatumService.Page page = datums.search(new DatumQuery(project.id(), "pages/", null, null, null, null,
                    null, null, DatumCursor.parse(next), 2));
            seen.addAll(ids(page));
            next = page.next();
        }
        assertEquals(uploaded, seen);
    }

    @Test
    void namesThatCouldEscapeAndUnusableTagsAreRefusedAndNothingIsRecorded() {
        for (String name : new String[] {"", "/etc/passwd", "../escape", "a/../../b", "a//b", "./a", "back\\slash",
                "line\nbreak"}) {
            assertRefused(Kind.INVALID, name.isEmpty() ? "missing-field" : "invalid-name", "name",
                    () -> datums.upload(project.id(), name, List.of(), stream(new byte[] {1}), owner));
        }
        assertRefused(Kind.INVALID, "invalid-tag", "tag",
                () -> datums.upload(project.id(), "fine.txt", List.of("ok", ""), stream(new byte[] {1}), owner));

        assertEquals(List.of(), ids(datums.search(query(null, null))));
    }

    @Test
    void aStoreThatFailsRecordsNoDatum() throws Exception {
        // A root folder below a plain file cannot be made: the store fails when the upload reaches it.
        Path file = Files.createFile(folder.resolve("not-a-folder"));
        String store = "broken-" + Fixtures.unique();
        instanceAdmin.create(ExtensionPoints.STORAGE, store, "local", Map.of("root", file + "/objects"),
                fixtures.admin());
        projects.chooseDefaults(project.id(), store, null, owner);

        assertThrows(PluginException.class, () -> datums.upload(project.id(), "lost.bin", List.of("lost"),
                stream(new byte[] {1, 2, 3}), owner));

        assertEquals(List.of(), ids(datums.search(query(null, null))));
        assertEquals(0L, entityManager.createQuery("SELECT COUNT(t) FROM DatumTag t WHERE t.projectId = :p",
                Long.class).setParameter("p", project.id()).getSingleResult());
    }

    @Test
    void anAliasNamesTheDatumItPointsAtNowAndKeepsWhereItPointedBefore() throws InterruptedException {
        Datum first = upload("model-1.bin");
        Datum second = upload("model-2.bin");

        datums.pointAlias(project.id(), "production", first.id(), owner);
        assertEquals(first.id(), datums.resolve(project.id(), "production").orElseThrow().id());
        // Changes are ordered by their millisecond.
        Thread.sleep(3);
        datums.pointAlias(project.id(), "production", second.id(), owner);

        assertEquals(second.id(), datums.resolve(project.id(), "production").orElseThrow().id());
        assertEquals(second.id(), datums.resolve(project.id(), second.id()).orElseThrow().id(), "ids resolve too");
        assertEquals(List.of(first.id(), second.id()), repository.aliasHistory(project.id(), "production").stream()
                .map(DatumAliasChange::datumId).toList());
        assertEquals(List.of("production"), datums.view(second).aliases());
        assertEquals(List.of(), datums.view(first).aliases());
        // Alias names are per project: the entry names its project.
        List<AuditEvent> audit = entries.on("datum://production").stream()
                .filter(a -> project.id().equals(AuditEntries.detail(a, "project"))).toList();
        assertEquals(List.of("datum-alias.point", "datum-alias.point"), audit.stream().map(AuditEvent::action)
                .toList());
        assertEquals(List.of("", first.id()), audit.stream().map(a -> AuditEntries.detail(a, "before")).toList());
        assertEquals(List.of(first.id(), second.id()), audit.stream().map(a -> AuditEntries.detail(a, "after"))
                .toList());
    }

    @Test
    void anAliasPointsOnlyAtALiveDatumOfItsProjectAndIsNeverShapedLikeAnId() {
        Datum datum = upload("weights.bin");
        Datum elsewhere = datums.upload(fixtures.newProject(owner).id(), "other.bin", List.of(),
                stream(new byte[] {1}), owner);
        Datum purged = upload("purged.bin");
        datums.purge(purged.id(), owner);

        assertRefused(Kind.INVALID, "invalid-alias", "name",
                () -> datums.pointAlias(project.id(), datum.id(), datum.id(), owner));
        assertRefused(Kind.INVALID, "invalid-alias", "name",
                () -> datums.pointAlias(project.id(), "has space", datum.id(), owner));
        assertRefused(Kind.INVALID, "unknown-datum", "datum",
                () -> datums.pointAlias(project.id(), "other", elsewhere.id(), owner));
        assertRefused(Kind.INVALID, "purged-datum", "datum",
                () -> datums.pointAlias(project.id(), "gone", purged.id(), owner));
        assertTrue(datums.resolve(project.id(), "other").isEmpty());
        assertTrue(datums.resolve(project.id(), elsewhere.id()).isEmpty(), "another project's datum is not found");
    }

    @Test
    void purgingDeletesTheBytesOnceAndKeepsTheRecord() {
        Datum datum = upload("to-purge.bin");
        assertTrue(instances.get(ExtensionPoints.STORAGE, datum.store()).stat(datum.storageKey()).isPresent());

        assertTrue(datums.purge(datum.id(), owner).isPurged());
        assertTrue(datums.purge(datum.id(), owner).isPurged(), "purging again changes nothing");

        assertTrue(instances.get(ExtensionPoints.STORAGE, datum.store()).stat(datum.storageKey()).isEmpty(),
                "the bytes are gone");
        Datum kept = datums.get(datum.id());
        assertTrue(kept.isPurged());
        assertEquals(datum.sha256(), kept.sha256(), "the record stays for lineage");
        assertRefused(Kind.GONE, "purged", null, () -> datums.open(kept, 0));
        assertEquals(List.of("datum.delete"), entries.actionsOn("datum://" + datum.id()), "one purge, one entry");
        assertRefused(Kind.INVALID, "purged-datum", "files",
                () -> datums.usable(project.id(), List.of(datum.id()), "files"));
    }

    @Test
    void lineageFollowsProducersAndConsumersBothWaysAndInputsStayPinned() {
        String commit = fixtures.newCommit(project.id(), owner, STEPS);
        Execution producer = run(commit, "produce", Map.of());
        Datum model = output(producer, "model.bin");
        datums.pointAlias(project.id(), "latest-model", model.id(), owner);
        // The input names the alias; the execution records the datum it pointed at.
        Execution consumer = run(commit, "consume", Map.of("model", "datum://latest-model"));
        Datum report = output(consumer, "report.txt");
        datums.pointAlias(project.id(), "latest-model", upload("newer.bin").id(), owner);
        Execution reader = run(commit, "consume", Map.of("model", "datum://" + report.id()));
        Datum summary = output(reader, "summary.txt");

        DatumLineage.Graph graph = lineage.of(report);
        assertEquals(Set.of(model.id(), report.id(), summary.id()), datumIds(graph));
        assertEquals(Set.of(producer.id(), consumer.id(), reader.id()),
                graph.executions().stream().map(DatumLineage.ExecutionNode::id).collect(Collectors.toSet()));
        assertEquals(Set.of(
                new DatumLineage.Edge(producer.id(), model.id(), "output", null),
                new DatumLineage.Edge(model.id(), consumer.id(), "input", "model"),
                new DatumLineage.Edge(consumer.id(), report.id(), "output", null),
                new DatumLineage.Edge(report.id(), reader.id(), "input", "model"),
                new DatumLineage.Edge(reader.id(), summary.id(), "output", null)), Set.copyOf(graph.edges()));
        assertFalse(graph.truncated());

        List<DatumLineage.Origin> origins = lineage.origins(List.of(report));
        assertEquals(1, origins.size());
        assertEquals(consumer.id(), origins.get(0).execution().id());
        assertEquals(List.of(new DatumLineage.InputUse("model", "datum://latest-model", model.id(), model.sha256())),
                origins.get(0).inputs());

        datums.purge(model.id(), owner);
        DatumLineage.DatumNode purgedNode = lineage.of(summary).datums().stream()
                .filter(d -> d.id().equals(model.id())).findFirst().orElseThrow();
        assertTrue(purgedNode.purged(), "a purged datum stays in its lineage");
    }

    private Execution run(String commit, String step, Map<String, Object> inputs) {
        return executions.create(new CreateExecution(project.id(), commit, step, Map.of(), inputs, null, null), owner);
    }

    /** Records a file the execution wrote, as the engine does when it collects outputs. */
    private Datum output(Execution execution, String name) {
        return datums.storeOutput(project.id(), project.defaultStore(), execution.id(), owner.userId(), name,
                stream((name + " of " + execution.id()).getBytes(StandardCharsets.UTF_8)));
    }

    private Datum upload(String name) {
        return datums.upload(project.id(), name, List.of(), stream(name.getBytes(StandardCharsets.UTF_8)), owner);
    }

    private DatumQuery query(String namePrefix, String tag) {
        return new DatumQuery(project.id(), namePrefix, tag, null, null, null, null, null, null, 100);
    }

    private static Set<String> datumIds(DatumLineage.Graph graph) {
        return graph.datums().stream().map(DatumLineage.DatumNode::id).collect(Collectors.toSet());
    }

    private static List<String> ids(DatumService.Page page) {
        return page.items().stream().map(DatumView::id).toList();
    }

    private static InputStream stream(byte[] bytes) {
        return new ByteArrayInputStream(bytes);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
