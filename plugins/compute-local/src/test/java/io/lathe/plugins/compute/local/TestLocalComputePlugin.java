package io.lathe.plugins.compute.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lathe.plugin.api.PluginException;
import io.lathe.plugin.api.compute.ComputeEnvironment;
import io.lathe.plugin.api.config.ConfigError;
import io.lathe.plugin.api.config.ConfigProperty;
import io.lathe.plugin.api.config.Settings;
import io.lathe.plugin.api.testkit.ExtensionIndex;
import io.lathe.plugin.api.testkit.TestPluginContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestLocalComputePlugin {

    @TempDir
    Path work;

    private final LocalComputeFactory factory = new LocalComputeFactory();

    @Test
    void createsAnEnvironmentWithTheDefaultsAndClosesIt() {
        Settings settings = Settings.of(factory.configProperties(), Map.of());

        try (ComputeEnvironment environment = factory.create(settings, new TestPluginContext(work))) {
            assertEquals(2, environment.capacity());
            assertTrue(Files.isDirectory(work.resolve("jobs")), "the default work root is made");
        }
    }

    @Test
    void declaresItsIdAndSettings() {
        assertEquals("local", factory.id());
        assertEquals("Local processes", factory.displayName());
        assertEquals(List.of("max-concurrency", "work-root", "keep-workspaces", "stop-grace-seconds", "sandbox",
                "read-only-paths", "network", "memory-limit-mb", "cpu-time-limit-seconds", "bwrap-path"),
                factory.configProperties().stream().map(ConfigProperty::name).toList());
        assertEquals(List.of(Optional.of("2"), Optional.empty(), Optional.of("false"), Optional.of("10"),
                Optional.of("bubblewrap"), Optional.empty(), Optional.of("true"), Optional.of("0"), Optional.of("0"),
                Optional.of("/usr/bin/bwrap")),
                factory.configProperties().stream().map(ConfigProperty::defaultValue).toList());
    }

    @Test
    void acceptsSensibleSettings() {
        assertEquals(List.of(), factory.validate(Map.of()));
        assertEquals(List.of(), factory.validate(Map.of("max-concurrency", "8", "work-root", "/var/lib/lathe/jobs",
                "keep-workspaces", "true", "stop-grace-seconds", "0")));
        assertEquals(List.of(), factory.validate(Map.of("sandbox", "none", "read-only-paths",
                "/opt/python3.11: /usr/local/cuda", "network", "false", "memory-limit-mb", "4096",
                "cpu-time-limit-seconds", "3600", "bwrap-path", "/usr/local/bin/bwrap")));
    }

    @Test
    void refusesSandboxSettingsThatWouldUndoTheSandbox() {
        List<ConfigError> errors = factory.validate(Map.of("sandbox", "chroot", "read-only-paths", "/opt/x:/",
                "memory-limit-mb", "-1", "cpu-time-limit-seconds", "-5", "bwrap-path", "bwrap"));

        assertEquals(List.of("sandbox", "memory-limit-mb", "cpu-time-limit-seconds", "read-only-paths",
                "bwrap-path"), errors.stream().map(ConfigError::field).toList(), errors::toString);
        for (String tooWide : List.of("/root", "/etc", "/home/", "relative/bin")) {
            assertEquals(List.of("read-only-paths"), factory.validate(Map.of("read-only-paths", tooWide)).stream()
                    .map(ConfigError::field).toList(), tooWide);
        }
    }

    @Test
    void refusesAReadOnlyPathHoldingTheServersDataOrTheWorkspaces() {
        Settings settings = Settings.of(factory.configProperties(), Map.of("read-only-paths", work.toString()));

        PluginException refused = assertThrows(PluginException.class,
                () -> factory.create(settings, new TestPluginContext(work.resolve("plugin-work"))));
        assertEquals("read-only-path-too-wide", refused.code());
    }

    @Test
    void refusesSettingsOutOfRange() {
        List<ConfigError> errors = factory.validate(Map.of("max-concurrency", "0", "work-root", "relative/jobs",
                "stop-grace-seconds", "-1"));

        assertEquals(List.of("max-concurrency", "stop-grace-seconds", "work-root"),
                errors.stream().map(ConfigError::field).toList());
    }

    @Test
    void reportsOneErrorPerFieldThatDoesNotParse() {
        List<ConfigError> errors = factory.validate(Map.of("max-concurrency", "many"));

        assertEquals(1, errors.size(), errors::toString);
        assertEquals("max-concurrency", errors.get(0).field());
    }

    @Test
    void usesTheConfiguredWorkRootAndCapacity() {
        Path root = work.resolve("custom/jobs");
        Settings settings = Settings.of(factory.configProperties(),
                Map.of("work-root", root.toString(), "max-concurrency", "5"));

        try (ComputeEnvironment environment = factory.create(settings, new TestPluginContext(work.resolve("ctx")))) {
            assertEquals(5, environment.capacity());
            assertTrue(Files.isDirectory(root));
        }
    }

    @Test
    void isListedInTheExtensionIndexPf4jReads() {
        ExtensionIndex.assertListed(LocalComputeFactory.class);
    }
}
