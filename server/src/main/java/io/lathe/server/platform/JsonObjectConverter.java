package io.lathe.server.platform;

import jakarta.json.JsonObject;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** A JSON object column (execution parameters, a datum's metadata, audit details...) as a {@link JsonObject}. */
@Converter
public class JsonObjectConverter implements AttributeConverter<JsonObject, String> {

    @Override
    public String convertToDatabaseColumn(JsonObject value) {
        return value == null ? null : value.toString();
    }

    @Override
    public JsonObject convertToEntityAttribute(String column) {
        return column == null ? null : JsonText.object(column);
    }
}
