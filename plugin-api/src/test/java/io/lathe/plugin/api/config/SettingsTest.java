package io.lathe.plugin.api.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lathe.plugin.api.PluginException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingsTest {

    private static final List<ConfigProperty> PROPERTIES = List.of(
            ConfigProperty.builder("url", ConfigPropertyType.STRING).required().build(),
            ConfigProperty.builder("timeout", ConfigPropertyType.INTEGER).defaultValue("10").build(),
            ConfigProperty.builder("verbose", ConfigPropertyType.BOOLEAN).defaultValue("false").build(),
            ConfigProperty.builder("note", ConfigPropertyType.STRING).build());

    @Test
    void givenValuesWinOverDefaults() {
        Settings settings = Settings.of(PROPERTIES, Map.of("url", "http://x", "timeout", "30"));

        assertEquals("http://x", settings.get("url"));
        assertEquals(30, settings.getLong("timeout"));
        assertFalse(settings.getBoolean("verbose"));
    }

    @Test
    void defaultsFillMissingAndBlankValues() {
        Settings settings = Settings.of(PROPERTIES, Map.of("timeout", " "));

        assertEquals("10", settings.get("timeout"));
        assertEquals(Map.of("timeout", "10", "verbose", "false"), settings.asMap());
    }

    @Test
    void aSettingWithNeitherValueNorDefaultIsAbsent() {
        Settings settings = Settings.of(PROPERTIES, Map.of());

        assertEquals(Optional.empty(), settings.find("note"));
        PluginException thrown = assertThrows(PluginException.class, () -> settings.get("note"));
        assertEquals("missing-setting", thrown.code());
    }

    @Test
    void nullValuesCountAsAbsent() {
        Map<String, String> given = new HashMap<>();
        given.put("note", null);

        assertEquals(Optional.empty(), Settings.of(PROPERTIES, given).find("note"));
    }

    @Test
    void numbersAndBooleansAreReadTrimmed() {
        Settings settings = Settings.of(PROPERTIES, Map.of("timeout", " 42 ", "verbose", " true "));

        assertEquals(42L, settings.getLong("timeout"));
        assertEquals(42, settings.getInt("timeout"));
        assertTrue(settings.getBoolean("verbose"));
    }

    @Test
    void anIntOutOfRangeIsAnError() {
        Settings settings = Settings.of(PROPERTIES, Map.of("timeout", "9999999999"));

        assertEquals(9_999_999_999L, settings.getLong("timeout"));
        assertThrows(ArithmeticException.class, () -> settings.getInt("timeout"));
    }

    @Test
    void laterChangesToTheGivenMapDoNotLeakIn() {
        Map<String, String> given = new HashMap<>(Map.of("url", "http://x"));
        Settings settings = Settings.of(PROPERTIES, given);

        given.put("url", "http://changed");

        assertEquals("http://x", settings.get("url"));
        assertThrows(UnsupportedOperationException.class, () -> settings.asMap().put("url", "y"));
    }
}
