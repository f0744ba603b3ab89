package io.lathe.server.platform;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one JSON-B instance of the server, made once (Yasson's {@code Jsonb} is thread-safe, and making one costs far
 * more than using it), with the generic types the server reads JSON into. JSON columns go through it by way of their
 * converters ({@link JsonObjectConverter}, {@link JsonMapConverter}, {@link StringListConverter},
 * {@link StringMapConverter}), so entities hold typed values and nothing else reads or writes a column's JSON text.
 */
public final class JsonCodec {

    private static final Jsonb JSONB = JsonbBuilder.create();

    /** {@code LinkedHashMap<String, Object>}: a JSON object as Java values, in the order of its keys. */
    public static final Type ORDERED_MAP = parameterized(LinkedHashMap.class, String.class, Object.class);
    /** {@code List<String>}. */
    public static final Type STRING_LIST = parameterized(List.class, String.class);
    /** {@code List<LinkedHashMap<String, Object>>}. */
    public static final Type LIST_OF_ORDERED_MAPS = parameterized(List.class, ORDERED_MAP);

    private JsonCodec() {
    }

    /** @return the JSON text of a value as JSON-B writes it */
    public static String toJson(Object value) {
        return JSONB.toJson(value);
    }

    /** @throws jakarta.json.bind.JsonbException when the text is not JSON of that type */
    public static <T> T fromJson(String text, Type type) {
        return JSONB.fromJson(text, type);
    }

    /** @throws jakarta.json.bind.JsonbException when the text is not JSON of that type */
    public static <T> T fromJson(String text, Class<T> type) {
        return JSONB.fromJson(text, type);
    }

    /** A value (a map, a record, a list...) as a JSON object. @throws jakarta.json.JsonException if it is not one */
    public static JsonObject toObject(Object value) {
        return JsonText.object(JSONB.toJson(value));
    }

    /** A JSON object as Java values: objects as ordered maps, arrays as lists, numbers as {@code BigDecimal}. */
    public static Map<String, Object> toMap(JsonObject object) {
        return JSONB.fromJson(object.toString(), ORDERED_MAP);
    }

    /** A JSON value as the given type (e.g. {@link #LIST_OF_ORDERED_MAPS}). */
    public static <T> T convert(JsonValue value, Type type) {
        return JSONB.fromJson(value.toString(), type);
    }

    /** A generic type built directly, instead of captured through an anonymous subclass. */
    public static Type parameterized(Class<?> raw, Type... arguments) {
        return new Parameterized(raw, arguments.clone());
    }

    private record Parameterized(Class<?> raw, Type[] arguments) implements ParameterizedType {

        @Override
        public Type[] getActualTypeArguments() {
            return arguments.clone();
        }

        @Override
        public Type getRawType() {
            return raw;
        }

        @Override
        public Type getOwnerType() {
            return null;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof ParameterizedType type && raw.equals(type.getRawType())
                    && type.getOwnerType() == null && Arrays.equals(arguments, type.getActualTypeArguments());
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(arguments) ^ raw.hashCode();
        }

        @Override
        public String toString() {
            return raw.getName() + Arrays.stream(arguments).map(Type::getTypeName)
                    .reduce((a, b) -> a + ", " + b).map(a -> "<" + a + ">").orElse("");
        }
    }
}
