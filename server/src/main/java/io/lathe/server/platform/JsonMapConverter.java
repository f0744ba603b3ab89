package io.lathe.server.platform;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Collections;
import java.util.Map;

/**
 * A JSON object column as Java values ({@link JsonCodec#toMap}): an unmodifiable map in the order of the keys.
 * Entities replace such a map, never change it in place, so that JPA sees the change.
 */
@Converter
public class JsonMapConverter implements AttributeConverter<Map<String, Object>, String> {

    @Override
    public String convertToDatabaseColumn(Map<String, Object> value) {
        return value == null ? null : JsonCodec.toJson(value);
    }

    @Override
    public Map<String, Object> convertToEntityAttribute(String column) {
        return column == null ? null
                : Collections.unmodifiableMap(JsonCodec.<Map<String, Object>>fromJson(column, JsonCodec.ORDERED_MAP));
    }
}
