package io.lathe.plugin.api.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Declares one setting of an extension: enough for one generic console page to render a form field for it and for
 * the server to check a value without knowing the plugin. Secret settings are encrypted at rest by the server and
 * never shown again.
 *
 * <p>Immutable and thread-safe. Build with {@link #builder(String, ConfigPropertyType)}.
 */
public final class ConfigProperty {

    private final String name;
    private final String label;
    private final String help;
    private final ConfigPropertyType type;
    private final String defaultValue;
    private final boolean required;
    private final boolean secret;
    private final List<String> options;

    private ConfigProperty(Builder builder) {
        this.name = builder.name;
        this.label = builder.label == null ? builder.name : builder.label;
        this.help = builder.help;
        this.type = builder.type;
        this.defaultValue = builder.defaultValue;
        this.required = builder.required;
        this.secret = builder.secret;
        this.options = List.copyOf(builder.options);
        if (type == ConfigPropertyType.CHOICE && options.isEmpty()) {
            throw new IllegalArgumentException("choice setting '" + name + "' declares no options");
        }
    }

    /** Starts a declaration of the setting {@code name} (kebab-case, e.g. {@code root-folder}). */
    public static Builder builder(String name, ConfigPropertyType type) {
        return new Builder(name, type);
    }

    /** The key the value is stored under. */
    public String name() {
        return name;
    }

    /** The field's label in a form. */
    public String label() {
        return label;
    }

    /** One or two sentences shown under the field; empty when none. */
    public String help() {
        return help;
    }

    /** How the value must parse. */
    public ConfigPropertyType type() {
        return type;
    }

    /** The value used when none is given. */
    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /** Whether a value (or a default) must be present. */
    public boolean required() {
        return required;
    }

    /** Whether the value is a credential: encrypted at rest, never returned by the API or shown again. */
    public boolean secret() {
        return secret;
    }

    /** The allowed values of a {@link ConfigPropertyType#CHOICE} setting; empty for the other types. */
    public List<String> options() {
        return options;
    }

    /**
     * Checks {@code settings} against {@code properties}: unknown names, missing required values, values that do not
     * parse as their type, choices outside the options.
     *
     * @return one error per faulty field, in declaration order; empty when all is well
     */
    public static List<ConfigError> validate(List<ConfigProperty> properties, Map<String, String> settings) {
        List<ConfigError> errors = new ArrayList<>();
        for (String given : settings.keySet()) {
            if (properties.stream().noneMatch(p -> p.name.equals(given))) {
                errors.add(new ConfigError(given, "unknown setting '" + given + "'"));
            }
        }
        for (ConfigProperty property : properties) {
            String value = settings.get(property.name);
            if (value == null || value.isBlank()) {
                if (property.required && property.defaultValue == null) {
                    errors.add(new ConfigError(property.name, property.label + " is required"));
                }
                continue;
            }
            property.checkValue(value).ifPresent(message -> errors.add(new ConfigError(property.name, message)));
        }
        return errors;
    }

    private Optional<String> checkValue(String value) {
        switch (type) {
            case INTEGER:
                try {
                    Long.parseLong(value.trim());
                    return Optional.empty();
                } catch (NumberFormatException e) {
                    return Optional.of(label + " must be a whole number, not '" + value + "'");
                }
            case NUMBER:
                try {
                    Double.parseDouble(value.trim());
                    return Optional.empty();
                } catch (NumberFormatException e) {
                    return Optional.of(label + " must be a number, not '" + value + "'");
                }
            case BOOLEAN:
                return value.equals("true") || value.equals("false")
                        ? Optional.empty()
                        : Optional.of(label + " must be true or false, not '" + value + "'");
            case CHOICE:
                return options.contains(value)
                        ? Optional.empty()
                        : Optional.of(label + " must be one of " + options + ", not '" + value + "'");
            default:
                return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "ConfigProperty[" + name + ":" + type + "]";
    }

    /** Collects the parts of a {@link ConfigProperty}; not thread-safe. */
    public static final class Builder {
        private final String name;
        private final ConfigPropertyType type;
        private String label;
        private String help = "";
        private String defaultValue;
        private boolean required;
        private boolean secret;
        private List<String> options = List.of();

        private Builder(String name, ConfigPropertyType type) {
            this.name = Objects.requireNonNull(name, "name");
            this.type = Objects.requireNonNull(type, "type");
        }

        /** Sets the form label; defaults to the name. */
        public Builder label(String label) {
            this.label = Objects.requireNonNull(label, "label");
            return this;
        }

        /** Sets the help text shown under the field. */
        public Builder help(String help) {
            this.help = Objects.requireNonNull(help, "help");
            return this;
        }

        /** Sets the value used when none is given. */
        public Builder defaultValue(String defaultValue) {
            this.defaultValue = Objects.requireNonNull(defaultValue, "defaultValue");
            return this;
        }

        /** Marks the setting as one that must have a value. */
        public Builder required() {
            this.required = true;
            return this;
        }

        /** Marks the setting as a credential. */
        public Builder secret() {
            this.secret = true;
            return this;
        }

        /** Sets the allowed values of a choice. */
        public Builder options(List<String> options) {
            this.options = List.copyOf(options);
            return this;
        }

        /** Builds the declaration. */
        public ConfigProperty build() {
            return new ConfigProperty(this);
        }
    }
}
