package io.lathe.server.valohai;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An output a step declares. Informational only: every file left in {@code /valohai/outputs} is uploaded.
 *
 * @param name the output's name
 * @param description help text
 */
public record Output(String name, Optional<String> description) {

    /** Checks that no part is null. */
    public Output {
        requireNonNull(name, "name");
        requireNonNull(description, "description");
    }

    /** The output as JSON-ready data in {@code valohai.yaml}'s key names. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", name);
        Plain.putIfPresent(map, "description", description);
        return map;
    }
}
