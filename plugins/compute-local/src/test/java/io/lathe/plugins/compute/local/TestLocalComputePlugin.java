package io.lathe.plugins.compute.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        assertEquals(List.of("max-concurrency", "work-root", "keep-workspaces", "stop-grace-seconds"),
                factory.configProperties().stream().map(ConfigProperty::name).toList());
        assertEquals(List.of(Optional.of("2"), Optional.empty(), Optional.of("false"), Optional.of("10")),
                factory.configProperties().stream().map(ConfigProperty::defaultValue).toList());
    }

    @Test
    void acceptsSensibleSettings() {
        assertEquals(List.of(), factory.validate(Map.of()));
        assertEquals(List.of(), factory.validate(Map.of("max-concurrency", "8", "work-root", "/var/lib/lathe/jobs",
                "keep-workspaces", "true", "stop-grace-seconds", "0")));
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
