package io.lathe.server.valohai;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An environment variable a step declares.
 *
 * @param name the variable's name
 * @param defaultValue its value unless the project or launch gives another
 * @param optional whether an execution may start without a value; true unless declared otherwise
 * @param description help text
 */
public record EnvironmentVariable(String name, Optional<String> defaultValue, boolean optional,
        Optional<String> description) {

    /** Checks that no part is null. */
    public EnvironmentVariable {
        requireNonNull(name, "name");
        requireNonNull(defaultValue, "defaultValue");
        requireNonNull(description, "description");
    }

    /** The variable as JSON-ready data in {@code valohai.yaml}'s key names. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", name);
        Plain.putIfPresent(map, "default", defaultValue);
        map.put("optional", optional);
        Plain.putIfPresent(map, "description", description);
        return map;
    }
}
