package io.lathe.server.platform;

import jakarta.json.JsonString;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A JSON object of strings column (a configured instance's settings) as a map sorted by key. A value that is not a
 * string (written by hand in the database) reads as its JSON text.
 */
@Converter
public class StringMapConverter implements AttributeConverter<Map<String, String>, String> {

    @Override
    public String convertToDatabaseColumn(Map<String, String> value) {
        return value == null ? null : JsonCodec.toJson(new TreeMap<>(value));
    }

    @Override
    public Map<String, String> convertToEntityAttribute(String column) {
        if (column == null) {
            return null;
        }
        Map<String, String> values = new TreeMap<>();
        JsonText.object(column).forEach((key, value) -> values.put(key,
                value instanceof JsonString text ? text.getString() : value.toString()));
        return Collections.unmodifiableMap(values);
    }
}
