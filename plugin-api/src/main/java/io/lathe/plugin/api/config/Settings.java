package io.lathe.plugin.api.config;

import io.lathe.plugin.api.PluginException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The validated settings of one configured instance, with the declared defaults filled in. Secret values arrive
 * decrypted. Immutable and thread-safe.
 */
public final class Settings {

    private final Map<String, String> values;

    private Settings(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /**
     * Combines given values with the defaults declared in {@code properties}. Blank values count as absent.
     */
    public static Settings of(List<ConfigProperty> properties, Map<String, String> given) {
        Map<String, String> values = new LinkedHashMap<>();
        for (ConfigProperty property : properties) {
            property.defaultValue().ifPresent(value -> values.put(property.name(), value));
        }
        given.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                values.put(name, value);
            }
        });
        return new Settings(values);
    }

    /** The value of {@code name}, or empty when neither a value nor a default was given. */
    public Optional<String> find(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /**
     * The value of {@code name}.
     *
     * @throws PluginException {@code missing-setting} when there is none
     */
    public String get(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new PluginException("missing-setting", "setting '" + name + "' has no value");
        }
        return value;
    }

    /** The value of {@code name} read as a whole number. */
    public long getLong(String name) {
        return Long.parseLong(get(name).trim());
    }

    /** The value of {@code name} read as an int; an out-of-range value is an error. */
    public int getInt(String name) {
        return Math.toIntExact(getLong(name));
    }

    /** The value of {@code name} read as {@code true} or {@code false}. */
    public boolean getBoolean(String name) {
        return Boolean.parseBoolean(get(name).trim());
    }

    /** Every value, defaults included. */
    public Map<String, String> asMap() {
        return values;
    }
}
