package io.lathe.plugins.storage.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lathe.plugin.api.PluginException;
import io.lathe.plugin.api.config.ConfigError;
import io.lathe.plugin.api.config.ConfigProperty;
import io.lathe.plugin.api.config.Settings;
import io.lathe.plugin.api.storage.StorageBackend;
import io.lathe.plugin.api.storage.StorageBackendFactory;
import io.lathe.plugin.api.testkit.ExtensionIndex;
import io.lathe.plugin.api.testkit.TestPluginContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestLocalStoragePlugin {

    private final StorageBackendFactory factory = new LocalStorageBackendFactory();

    @Test
    void factoryDescribesItself() {
        assertEquals("local", factory.id());
        assertEquals("Local folder", factory.displayName());
        assertEquals(List.of("root"), factory.configProperties().stream().map(ConfigProperty::name).toList());
        assertTrue(factory.configProperties().get(0).required());
    }

    @Test
    void createsAWorkingBackendAndClosesIt(@TempDir Path tempDir) {
        Path root = tempDir.resolve("data/store");
        Map<String, String> given = Map.of("root", root.toString());
        assertEquals(List.of(), factory.validate(given));

        try (StorageBackend backend = factory.create(Settings.of(factory.configProperties(), given),
                new TestPluginContext(tempDir.resolve("work")))) {
            backend.put("hello.txt", new ByteArrayInputStream("hi".getBytes(StandardCharsets.UTF_8)), 2);

            assertTrue(Files.isRegularFile(root.resolve("hello.txt")), "the root folder was not created and used");
        }
    }

    @Test
    void aMissingRootIsAValidationError() {
        List<ConfigError> errors = factory.validate(Map.of());

        assertEquals(List.of("root"), errors.stream().map(ConfigError::field).toList());
    }

    @Test
    void aRelativeRootIsAValidationError() {
        List<ConfigError> errors = factory.validate(Map.of("root", "data/store"));

        assertEquals(1, errors.size());
        assertEquals("root", errors.get(0).field());
        assertTrue(errors.get(0).message().contains("absolute"), errors.get(0).message());
    }

    @Test
    void aRootWithDotSegmentsIsAValidationErrorNamingTheRoot() {
        for (String root : List.of("sub/../x", "/srv/sub/../x", "/srv/./x", "/srv/x/..")) {
            List<ConfigError> errors = factory.validate(Map.of("root", root));

            assertEquals(List.of("root"), errors.stream().map(ConfigError::field).toList(), root);
        }
        assertEquals(List.of(), factory.validate(Map.of("root", "/srv/x/")));
    }

    @Test
    void aRootThatIsAFileCannotBeUsed(@TempDir Path tempDir) throws IOException {
        Path file = Files.writeString(tempDir.resolve("not-a-folder"), "x");
        Map<String, String> given = Map.of("root", file.toString());

        PluginException thrown = assertThrows(PluginException.class,
                () -> factory.create(Settings.of(factory.configProperties(), given), new TestPluginContext(tempDir)));

        assertEquals("root-not-usable", thrown.code());
    }

    @Test
    void theExtensionIndexNamesTheFactory() {
        ExtensionIndex.assertListed(LocalStorageBackendFactory.class);
    }
}
