package io.lathe.server.platform;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.List;

/** A JSON array of strings column (an execution's commands, a model version's tags) as a list. */
@Converter
public class StringListConverter implements AttributeConverter<List<String>, String> {

    @Override
    public String convertToDatabaseColumn(List<String> value) {
        return value == null ? null : JsonCodec.toJson(value);
    }

    @Override
    public List<String> convertToEntityAttribute(String column) {
        return column == null ? null : List.copyOf(JsonCodec.<List<String>>fromJson(column, JsonCodec.STRING_LIST));
    }
}
