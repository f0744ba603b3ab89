package io.lathe.plugin.api.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigPropertyTest {

    private static final ConfigProperty URL = ConfigProperty.builder("url", ConfigPropertyType.STRING)
            .label("URL").required().build();
    private static final ConfigProperty TIMEOUT = ConfigProperty.builder("timeout", ConfigPropertyType.INTEGER)
            .label("Timeout").defaultValue("10").build();
    private static final ConfigProperty RATIO = ConfigProperty.builder("ratio", ConfigPropertyType.NUMBER)
            .label("Ratio").build();
    private static final ConfigProperty VERBOSE = ConfigProperty.builder("verbose", ConfigPropertyType.BOOLEAN)
            .label("Verbose").build();
    private static final ConfigProperty MODE = ConfigProperty.builder("mode", ConfigPropertyType.CHOICE)
            .label("Mode").options(List.of("fast", "safe")).build();
    private static final List<ConfigProperty> ALL = List.of(URL, TIMEOUT, RATIO, VERBOSE, MODE);

    @Test
    void builderKeepsEveryPart() {
        ConfigProperty token = ConfigProperty.builder("api-token", ConfigPropertyType.STRING)
                .label("API token").help("Made in the provider's console.").defaultValue("none")
                .required().secret().build();

        assertEquals("api-token", token.name());
        assertEquals("API token", token.label());
        assertEquals("Made in the provider's console.", token.help());
        assertEquals(ConfigPropertyType.STRING, token.type());
        assertEquals(Optional.of("none"), token.defaultValue());
        assertTrue(token.required());
        assertTrue(token.secret());
        assertEquals(List.of(), token.options());
    }

    @Test
    void labelDefaultsToTheNameAndTheRestToNothing() {
        ConfigProperty plain = ConfigProperty.builder("root", ConfigPropertyType.STRING).build();

        assertEquals("root", plain.label());
        assertEquals("", plain.help());
        assertEquals(Optional.empty(), plain.defaultValue());
        assertFalse(plain.required());
        assertFalse(plain.secret());
    }

    @Test
    void aChoiceWithoutOptionsIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> ConfigProperty.builder("mode", ConfigPropertyType.CHOICE).build());
    }

    @Test
    void optionsAreCopied() {
        List<String> options = new ArrayList<>(List.of("a"));
        ConfigProperty choice = ConfigProperty.builder("c", ConfigPropertyType.CHOICE).options(options).build();

        options.add("b");

        assertEquals(List.of("a"), choice.options());
    }

    @Test
    void validSettingsHaveNoErrors() {
        Map<String, String> settings = Map.of("url", "http://x", "timeout", " 30 ", "ratio", "0.5",
                "verbose", "true", "mode", "safe");

        assertEquals(List.of(), ConfigProperty.validate(ALL, settings));
    }

    @Test
    void aMissingRequiredValueIsAnError() {
        assertEquals(List.of(new ConfigError("url", "URL is required")), ConfigProperty.validate(ALL, Map.of()));
    }

    @Test
    void aBlankRequiredValueCountsAsMissing() {
        assertEquals(List.of(new ConfigError("url", "URL is required")),
                ConfigProperty.validate(ALL, Map.of("url", "  ")));
    }

    @Test
    void aRequiredSettingWithADefaultNeedsNoValue() {
        ConfigProperty port = ConfigProperty.builder("port", ConfigPropertyType.INTEGER)
                .required().defaultValue("80").build();

        assertEquals(List.of(), ConfigProperty.validate(List.of(port), Map.of()));
    }

    @Test
    void anUnknownSettingIsAnError() {
        List<ConfigError> errors = ConfigProperty.validate(ALL, Map.of("url", "http://x", "colour", "red"));

        assertEquals(List.of(new ConfigError("colour", "unknown setting 'colour'")), errors);
    }

    @Test
    void aValueThatIsNotAWholeNumberIsAnError() {
        assertEquals(List.of(new ConfigError("timeout", "Timeout must be a whole number, not '1.5'")),
                ConfigProperty.validate(ALL, Map.of("url", "u", "timeout", "1.5")));
    }

    @Test
    void aValueThatIsNotANumberIsAnError() {
        assertEquals(List.of(new ConfigError("ratio", "Ratio must be a number, not 'half'")),
                ConfigProperty.validate(ALL, Map.of("url", "u", "ratio", "half")));
    }

    @Test
    void aBooleanMustBeLowercaseTrueOrFalse() {
        assertEquals(List.of(new ConfigError("verbose", "Verbose must be true or false, not 'yes'")),
                ConfigProperty.validate(ALL, Map.of("url", "u", "verbose", "yes")));
        assertEquals(1, ConfigProperty.validate(ALL, Map.of("url", "u", "verbose", "TRUE")).size());
        assertEquals(List.of(), ConfigProperty.validate(ALL, Map.of("url", "u", "verbose", "false")));
    }

    @Test
    void aChoiceOutsideTheOptionsIsAnError() {
        assertEquals(List.of(new ConfigError("mode", "Mode must be one of [fast, safe], not 'reckless'")),
                ConfigProperty.validate(ALL, Map.of("url", "u", "mode", "reckless")));
    }

    @Test
    void errorsListUnknownNamesFirstThenFieldsInDeclarationOrder() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("mode", "reckless");
        settings.put("extra", "1");
        settings.put("timeout", "soon");

        List<String> fields = ConfigProperty.validate(ALL, settings).stream().map(ConfigError::field).toList();

        assertEquals(List.of("extra", "url", "timeout", "mode"), fields);
    }

    @Test
    void aConfigErrorNeedsBothParts() {
        assertThrows(NullPointerException.class, () -> new ConfigError(null, "m"));
        assertThrows(NullPointerException.class, () -> new ConfigError("f", null));
    }
}
