package io.lathe.server.valohai;

import java.util.Arrays;
import java.util.Optional;

/** Whether a parameter takes several values ({@code multiple}), and how they reach the command line. */
public enum MultipleMode {
    /** One value. */
    NONE("none"),
    /** The pass-as pattern once per value: {@code --tag a --tag b}. */
    REPEAT("repeat"),
    /** All values joined with {@code multiple-separator} into one pass-as value: {@code --tags=a,b}. */
    SEPARATE("separate");

    private final String yamlName;

    MultipleMode(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The name {@code valohai.yaml} uses, e.g. {@code repeat}. */
    public String yamlName() {
        return yamlName;
    }

    /** The mode named {@code yamlName} as {@code valohai.yaml} writes it, if there is one. */
    public static Optional<MultipleMode> fromYaml(String yamlName) {
        return Arrays.stream(values()).filter(mode -> mode.yamlName.equals(yamlName)).findFirst();
    }
}
