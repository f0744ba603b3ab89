package io.lathe.plugin.api.config;

/** The type of a setting's value; settings travel as strings and each type says how one must parse. */
public enum ConfigPropertyType {
    /** Any text. */
    STRING,
    /** A whole number in decimal, as {@link Long#parseLong(String)} reads it. */
    INTEGER,
    /** A decimal number, as {@link Double#parseDouble(String)} reads it. */
    NUMBER,
    /** {@code true} or {@code false}. */
    BOOLEAN,
    /** One of {@link ConfigProperty#options()}. */
    CHOICE
}
