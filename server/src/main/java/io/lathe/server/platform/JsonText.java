package io.lathe.server.platform;

import ch.randelshofer.fastdoubleparser.JsonDoubleParser;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.util.Map;

/**
 * Reads JSON text with one JSON-P provider found once. {@code Json.createReader} looks the provider up through the
 * class loaders on every call, which costs more than parsing a small document and dominated metadata ingestion.
 */
public final class JsonText {

    private static final JsonProvider PROVIDER = JsonProvider.provider();
    private static final JsonReaderFactory READERS = PROVIDER.createReaderFactory(Map.of());

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

    /** What {@link #scanObject} found in a text. */
    public enum ObjectScan {
        /** Not one JSON object. */
        NOT_AN_OBJECT,
        /** An empty object, {@code {}}. */
        EMPTY,
        /** An object without the given top-level key. */
        WITHOUT_KEY,
        /** An object with the given top-level key. */
        WITH_KEY
    }

    /**
     * Checks that {@code text} is exactly one JSON object, and whether it has {@code key} at its top level, by
     * streaming through it without building it: the check every metadata line goes through.
     */
    public static ObjectScan scanObject(String text, String key) {
        return scanObject(text, key, null);
    }

    /** Receives the top-level numbers of an object as {@link #scanObject(String, String, NumberSink)} meets them. */
    @FunctionalInterface
    public interface NumberSink {
        void number(String key, double value);
    }

    /**
     * As {@link #scanObject(String, String)}, also handing every top-level key whose value is a number to
     * {@code numbers} (when not null), in order, before the scan knows whether the whole text is one object.
     */
    public static ObjectScan scanObject(String text, String key, NumberSink numbers) {
        try (JsonParser parser = PROVIDER.createParser(new StringReader(text))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                return ObjectScan.NOT_AN_OBJECT;
            }
            int depth = 1;
            int keys = 0;
            boolean found = false;
            String lastKey = null;
            while (depth > 0) {
                JsonParser.Event event = parser.next();
                switch (event) {
                    case START_OBJECT, START_ARRAY -> depth++;
                    case END_OBJECT, END_ARRAY -> depth--;
                    case KEY_NAME -> {
                        if (depth == 1) {
                            keys++;
                            lastKey = parser.getString();
                            found |= lastKey.equals(key);
                        }
                    }
                    case VALUE_NUMBER -> {
                        if (depth == 1 && numbers != null) {
                            numbers.number(lastKey, JsonDoubleParser.parseDouble(parser.getString()));
                        }
                    }
                    default -> { }
                }
            }
            if (parser.hasNext()) {
                return ObjectScan.NOT_AN_OBJECT;
            }
            return keys == 0 ? ObjectScan.EMPTY : found ? ObjectScan.WITH_KEY : ObjectScan.WITHOUT_KEY;
        } catch (JsonException | java.util.NoSuchElementException | IllegalStateException e) {
            return ObjectScan.NOT_AN_OBJECT;
        }
    }

    /** @throws jakarta.json.JsonException when the text is not JSON */
    public static JsonValue value(String text) {
        try (var reader = READERS.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }
}
