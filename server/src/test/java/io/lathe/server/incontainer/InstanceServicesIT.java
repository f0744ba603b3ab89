package io.lathe.server.incontainer;

import static io.lathe.server.incontainer.Refusals.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lathe.server.audit.AuditEvent;
import io.lathe.server.auth.Caller;
import io.lathe.server.data.Datum;
import io.lathe.server.data.DatumService;
import io.lathe.server.instances.InstanceAdmin;
import io.lathe.server.instances.InstanceAdmin.InstanceView;
import io.lathe.server.platform.DomainException;
import io.lathe.server.platform.SecretBox;
import io.lathe.server.plugins.points.ExtensionPoints;
import io.lathe.server.projects.Project;
import io.lathe.server.projects.ProjectService;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Configured instances (data stores, environments, notification channels): made from a started plugin's extension
 * with settings it checks, secrets sealed at rest and kept when not given again, deleted only when nothing uses them.
 */
class InstanceServicesIT extends InContainerTest {

    private static final String MASK = "***";

    @Inject
    InstanceAdmin admin;
    @Inject
    ProjectService projects;
    @Inject
    DatumService datums;
    @Inject
    SecretBox secrets;
    @Inject
    Fixtures fixtures;
    @Inject
    AuditEntries entries;
    @Inject
    EntityManager entityManager;

    /** Root folders for the data stores a test makes, in the server's file system. */
    @TempDir
    Path folder;

    private Caller administrator;

    @BeforeEach
    void administrator() {
        administrator = fixtures.admin();
    }

    @Test
    void namesFactoriesAndSettingsAreCheckedFieldByField() {
        String name = "store-" + Fixtures.unique();

        for (String wrong : new String[] {null, "", "Upper", "-dash", "under_score", "a".repeat(65)}) {
            assertRefused(DomainException.Kind.INVALID, "invalid-name", "name",
                    () -> admin.create(ExtensionPoints.STORAGE, wrong, "local", Map.of("root", "/tmp/x"),
                            administrator));
        }
        assertRefused(DomainException.Kind.INVALID, "unknown-factory", "factory",
                () -> admin.create(ExtensionPoints.STORAGE, name, "ftp", Map.of(), administrator));
        assertRefused(DomainException.Kind.INVALID, "unknown-setting", "settings.colour",
                () -> admin.create(ExtensionPoints.STORAGE, name, "local",
                        Map.of("root", "/tmp/x", "colour", "red"), administrator));
        assertRefused(DomainException.Kind.INVALID, "invalid-settings", "settings.root",
                () -> admin.create(ExtensionPoints.STORAGE, name, "local", Map.of("root", "relative/path"),
                        administrator));
        assertRefused(DomainException.Kind.INVALID, "invalid-settings", "settings.root",
                () -> admin.create(ExtensionPoints.STORAGE, name, "local", Map.of(), administrator));
        assertRefused(DomainException.Kind.NOT_FOUND, "not-found", null,
                () -> admin.get(ExtensionPoints.STORAGE, name));

        admin.create(ExtensionPoints.STORAGE, name, "local", Map.of("root", "/tmp/" + name), administrator);
        assertRefused(DomainException.Kind.CONFLICT, "name-taken", null,
                () -> admin.create(ExtensionPoints.STORAGE, name, "local", Map.of("root", "/tmp/y"), administrator));
        assertEquals(List.of("data-store.create"), entries.actionsOn(name), "refusals leave no audit entry");
    }

    @Test
    void secretSettingsAreSealedAtRestMaskedWhenShownAndKeptWhenNotGivenAgain() {
        String name = "hook-" + Fixtures.unique();
        String secret = "signing-secret-" + Fixtures.unique();

        InstanceView created = admin.create(ExtensionPoints.NOTIFIER, name, "webhook",
                Map.of("url", "https://example.com/hook", "secret", secret), administrator);
        assertEquals(MASK, created.settings().get("secret"));
        assertEquals("https://example.com/hook", created.settings().get("url"));
        assertSealed(name, secret);

        // Left out, empty or the mask: the secret stays as it was.
        admin.update(ExtensionPoints.NOTIFIER, name, Map.of("url", "https://example.com/v2"), administrator);
        assertSealed(name, secret);
        admin.update(ExtensionPoints.NOTIFIER, name, Map.of("url", "https://example.com/v3", "secret", MASK),
                administrator);
        assertSealed(name, secret);
        assertEquals("https://example.com/v3", admin.get(ExtensionPoints.NOTIFIER, name).settings().get("url"));

        String replaced = "another-secret-" + Fixtures.unique();
        admin.update(ExtensionPoints.NOTIFIER, name, Map.of("url", "https://example.com/v3", "secret", replaced),
                administrator);
        assertSealed(name, replaced);

        List<AuditEvent> audit = entries.on(name);
        assertEquals(List.of("notification-channel.create", "notification-channel.update",
                "notification-channel.update", "notification-channel.update"),
                audit.stream().map(AuditEvent::action).sorted().toList());
        for (AuditEvent entry : audit) {
            String details = entry.details().toString();
            assertFalse(details.contains(secret) || details.contains(replaced),
                    "the audit trail shows secrets masked: " + details);
            assertTrue(details.contains(MASK), details);
        }
    }

    @Test
    void aChangedDataStoreIsUsedWithItsNewSettingsAtOnce() throws IOException {
        Path first = Files.createDirectory(folder.resolve("first"));
        Path second = Files.createDirectory(folder.resolve("second"));
        String name = "moving-" + Fixtures.unique();
        admin.create(ExtensionPoints.STORAGE, name, "local", Map.of("root", first.toString()), administrator);
        Caller owner = fixtures.newUser();
        Project project = fixtures.newProject(owner);
        projects.chooseDefaults(project.id(), name, null, owner);

        upload(project, owner, "before.bin");
        admin.update(ExtensionPoints.STORAGE, name, Map.of("root", second.toString()), administrator);
        Datum after = upload(project, owner, "after.bin");

        assertEquals(1, filesUnder(first));
        assertEquals(1, filesUnder(second), "the live store was made again from the new settings");
        assertEquals(name, after.store());
    }

    @Test
    void anInstanceInUseCannotBeDeleted() {
        String store = "used-" + Fixtures.unique();
        admin.create(ExtensionPoints.STORAGE, store, "local", Map.of("root", folder.toString()), administrator);
        Caller owner = fixtures.newUser();
        Project project = fixtures.newProject(owner);
        projects.chooseDefaults(project.id(), store, null, owner);

        assertRefused(DomainException.Kind.CONFLICT, "in-use", null,
                () -> admin.delete(ExtensionPoints.STORAGE, store, administrator));
        upload(project, owner, "kept.bin");
        projects.chooseDefaults(project.id(), "local", null, owner);
        DomainException stillUsed = assertRefused(DomainException.Kind.CONFLICT, "in-use", null,
                () -> admin.delete(ExtensionPoints.STORAGE, store, administrator));
        assertTrue(stillUsed.getMessage().contains("1 datums"), stillUsed.getMessage());
        assertRefused(DomainException.Kind.CONFLICT, "in-use", null,
                () -> admin.delete(ExtensionPoints.STORAGE, "local", administrator));
        assertRefused(DomainException.Kind.CONFLICT, "in-use", null,
                () -> admin.delete(ExtensionPoints.COMPUTE, "local", administrator));

        String idle = "idle-" + Fixtures.unique();
        admin.create(ExtensionPoints.COMPUTE, idle, "local", Map.of("max-concurrency", "1"), administrator);
        admin.delete(ExtensionPoints.COMPUTE, idle, administrator);
        assertRefused(DomainException.Kind.NOT_FOUND, "not-found", null,
                () -> admin.get(ExtensionPoints.COMPUTE, idle));
        assertEquals(List.of("environment.create", "environment.delete"),
                entries.actionsOn(idle).stream().sorted().toList());
        assertTrue(admin.list(ExtensionPoints.STORAGE).stream().anyMatch(i -> i.name().equals(store)));
    }

    /** Asserts the channel's stored secret is sealed, holds no plain text, and opens to {@code expected}. */
    private void assertSealed(String channel, String expected) {
        String settings = (String) entityManager.createNativeQuery(
                "SELECT settings FROM configured_instance WHERE point = 'notifier' AND name = ?1")
                .setParameter(1, channel).getSingleResult();
        assertFalse(settings.contains(expected), "no plain text at rest: " + settings);
        JsonObject stored = Json.createReader(new StringReader(settings)).readObject();
        String sealed = stored.getString("secret");
        assertTrue(secrets.isSealed(sealed), sealed);
        assertEquals(expected, secrets.decrypt(sealed, "instance:notifier/" + channel + "#secret"),
                "bound to the instance and setting");
    }

    private Datum upload(Project project, Caller owner, String name) {
        return datums.upload(project.id(), name, List.of(), new ByteArrayInputStream(new byte[] {1, 2}), owner);
    }

    private static long filesUnder(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

}
