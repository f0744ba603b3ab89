package io.lathe.plugin.api.config;

import java.util.Objects;

/**
 * One problem with one setting, as {@code validate} reports it and the console shows it beside the field.
 *
 * @param field the setting's name
 * @param message what is wrong and what is expected, for a person
 */
public record ConfigError(String field, String message) {
    /** Checks that neither part is null. */
    public ConfigError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }
}
