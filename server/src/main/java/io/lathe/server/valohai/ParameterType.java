package io.lathe.server.valohai;

import java.util.Arrays;
import java.util.Optional;

/** The {@code type} of a step parameter. */
public enum ParameterType {
    STRING("string"),
    INTEGER("integer"),
    FLOAT("float"),
    FLAG("flag");

    private final String yamlName;

    ParameterType(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The name {@code valohai.yaml} uses, e.g. {@code integer}. */
    public String yamlName() {
        return yamlName;
    }

    /** The type named {@code yamlName} as {@code valohai.yaml} writes it, if there is one. */
    public static Optional<ParameterType> fromYaml(String yamlName) {
        return Arrays.stream(values()).filter(type -> type.yamlName.equals(yamlName)).findFirst();
    }

    public boolean isNumeric() {
        return this == INTEGER || this == FLOAT;
    }
}
