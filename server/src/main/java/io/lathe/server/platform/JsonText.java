package io.lathe.server.platform;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.Map;

/**
 * Reads JSON text with one JSON-P provider found once. {@code Json.createReader} looks the provider up through the
 * class loaders on every call, which costs more than parsing a small document and dominated metadata ingestion.
 */
public final class JsonText {

    private static final JsonReaderFactory READERS = JsonProvider.provider().createReaderFactory(Map.of());

    private JsonText() {
    }

    /** @throws jakarta.json.JsonException when the text is not a JSON object */
    public static JsonObject object(String text) {
        try (var reader = READERS.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    /** @throws jakarta.json.JsonException when the text is not a JSON array */
    public static JsonArray array(String text) {
        try (var reader = READERS.createReader(new StringReader(text))) {
            return reader.readArray();
        }
    }

    /** @throws jakarta.json.JsonException when the text is not JSON */
    public static JsonValue value(String text) {
        try (var reader = READERS.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }
}
