package io.lathe.server.valohai;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Helpers for the plain, JSON-ready values the model holds: ordered maps, lists, scalars, possibly null. */
final class Plain {

    private Plain() {
    }

    /** A deep, unmodifiable copy that keeps map order and allows nulls (which {@code Map.copyOf} would not). */
    static Object freeze(Object value) {
        if (value instanceof Map<?, ?> map) {
            return freezeMap(map);
        }
        if (value instanceof List<?> list) {
            return freezeList(list);
        }
        return value;
    }

    static Map<String, Object> freezeMap(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, item) -> copy.put(String.valueOf(key), freeze(item)));
        return Collections.unmodifiableMap(copy);
    }

    static List<Object> freezeList(List<?> list) {
        List<Object> copy = new ArrayList<>(list.size());
        list.forEach(item -> copy.add(freeze(item)));
        return Collections.unmodifiableList(copy);
    }

    /** Puts {@code value} under {@code key} when present; for building {@code toMap()} results. */
    static void putIfPresent(Map<String, Object> map, String key, Optional<?> value) {
        value.ifPresent(present -> map.put(key, present));
    }

    /** Puts a list under {@code key} unless it is empty, as valohai-yaml's serializer leaves empty lists out. */
    static void putIfNotEmpty(Map<String, Object> map, String key, List<?> list) {
        if (!list.isEmpty()) {
            map.put(key, list);
        }
    }
}
