package io.lathe.server.instances;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lathe.plugin.api.config.ConfigProperty;
import io.lathe.plugin.api.config.ConfigPropertyType;
import io.lathe.server.platform.OlderSealedValues;
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

        Map<String, String> stored = secrets.seal("storage", "prod", PROPERTIES,
                Map.of("bucket", "b", "secret-key", "hunter2"));
        assertEquals("b", stored.get("bucket"), "only secrets are sealed");
        assertNotEquals("hunter2", stored.get("secret-key"));
        assertTrue(!stored.get("secret-key").contains("hunter2"));

        assertEquals(Map.of("bucket", "b", "secret-key", "hunter2"), secrets.open("storage", "prod", PROPERTIES, stored));
        assertTrue(secrets.isCurrent(PROPERTIES, stored));
        assertEquals(Map.of("bucket", "b", "secret-key", "***"), secrets.masked(PROPERTIES, stored));
        assertEquals(Map.of("bucket", "b", "secret-key", "typed by hand"),
                secrets.open("storage", "prod", PROPERTIES, Map.of("bucket", "b", "secret-key", "typed by hand")),
                "a secret stored in plain text before the API existed is taken as it is");
    }

    @Test
    void aSealedSettingCopiedToAnotherInstanceOrSettingDoesNotOpen() {
        SecretSettings secrets = new SecretSettings();
        secrets.box = SecretBoxes.in(home);
        List<ConfigProperty> twoSecrets = List.of(
                ConfigProperty.builder("access-key", ConfigPropertyType.STRING).secret().build(),
                ConfigProperty.builder("secret-key", ConfigPropertyType.STRING).secret().build());
        Map<String, String> stored = secrets.seal("storage", "prod", twoSecrets,
                Map.of("access-key", "AKIA", "secret-key", "hunter2"));

        assertThrows(IllegalStateException.class, () -> secrets.open("storage", "test", twoSecrets, stored),
                "another instance's row");
        assertThrows(IllegalStateException.class, () -> secrets.open("compute", "prod", twoSecrets, stored),
                "another extension point's instance of the same name");
        Map<String, String> swapped = Map.of("access-key", stored.get("secret-key"),
                "secret-key", stored.get("access-key"));
        assertThrows(IllegalStateException.class, () -> secrets.open("storage", "prod", twoSecrets, swapped),
                "another setting of the same instance");
    }

    @Test
    void settingsSealedBeforeTheBindingOpenAndAreSealedAgainBoundWhenWritten() {
        SecretSettings secrets = new SecretSettings();
        secrets.box = SecretBoxes.in(home);
        secrets.seal("storage", "prod", PROPERTIES, Map.of("secret-key", "makes the key"));
        Map<String, String> older = Map.of("bucket", "b", "secret-key",
                OlderSealedValues.v1(home.resolve("secrets"), "hunter2"));
        assertFalse(secrets.isCurrent(PROPERTIES, older));
        Map<String, String> open = secrets.open("storage", "prod", PROPERTIES, older);
        assertEquals("hunter2", open.get("secret-key"));

        Map<String, String> again = secrets.seal("storage", "prod", PROPERTIES, open);
        assertTrue(secrets.isCurrent(PROPERTIES, again));
        assertThrows(IllegalStateException.class, () -> secrets.open("storage", "other", PROPERTIES, again));
    }
}
