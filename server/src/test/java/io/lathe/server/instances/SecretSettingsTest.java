package io.lathe.server.instances;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lathe.plugin.api.config.ConfigProperty;
import io.lathe.plugin.api.config.ConfigPropertyType;
import io.lathe.server.platform.SecretBoxes;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretSettingsTest {

    private static final List<ConfigProperty> PROPERTIES = List.of(
            ConfigProperty.builder("bucket", ConfigPropertyType.STRING).required().build(),
            ConfigProperty.builder("secret-key", ConfigPropertyType.STRING).secret().build());

    @TempDir
    Path home;

    @Test
    void secretValuesAreSealedAtRestOpenedForTheExtensionAndMaskedForPeople() {
        SecretSettings secrets = new SecretSettings();
        secrets.box = SecretBoxes.in(home);

        Map<String, String> stored = secrets.seal(PROPERTIES, Map.of("bucket", "b", "secret-key", "hunter2"));
        assertEquals("b", stored.get("bucket"), "only secrets are sealed");
        assertNotEquals("hunter2", stored.get("secret-key"));
        assertTrue(!stored.get("secret-key").contains("hunter2"));

        assertEquals(Map.of("bucket", "b", "secret-key", "hunter2"), secrets.open(PROPERTIES, stored));
        assertEquals(Map.of("bucket", "b", "secret-key", "***"), secrets.masked(PROPERTIES, stored));
        assertEquals(Map.of("bucket", "b", "secret-key", "typed by hand"),
                secrets.open(PROPERTIES, Map.of("bucket", "b", "secret-key", "typed by hand")),
                "a secret stored in plain text before the API existed is taken as it is");
    }
}
