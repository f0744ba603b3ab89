package io.lathe.server.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class JsonCodecTest {

    @Test
    void readsObjectsAsMapsInTheOrderOfTheirKeys() {
        Map<String, Object> map = JsonCodec.fromJson("{\"z\": 1, \"a\": [\"x\"], \"m\": {\"b\": 2.5, \"a\": true}}",
                JsonCodec.ORDERED_MAP);
        assertEquals(List.of("z", "a", "m"), List.copyOf(map.keySet()));
        assertEquals(new BigDecimal("1"), map.get("z"));
        assertEquals(List.of("x"), map.get("a"));
        assertEquals(Map.of("b", new BigDecimal("2.5"), "a", true), map.get("m"));
    }

    @Test
    void readsListsOfMapsThroughABuiltGenericType() {
        List<Map<String, Object>> sets = JsonCodec.convert(Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("lr", 0.1).add("depth", 3)).build(),
                JsonCodec.LIST_OF_ORDERED_MAPS);
        assertEquals(1, sets.size());
        assertEquals(LinkedHashMap.class, sets.get(0).getClass());
        assertEquals(List.of("lr", "depth"), List.copyOf(sets.get(0).keySet()));
    }

    @Test
    void writesValuesAsJsonObjects() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("b", 1.5);
        values.put("a", "x");
        JsonObject object = JsonCodec.toObject(values);
        assertEquals("{\"b\":1.5,\"a\":\"x\"}", object.toString());
        assertEquals(values.keySet(), JsonCodec.toMap(object).keySet());
    }

    @Test
    void oneInstanceServesManyThreads() throws Exception {
        var pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = i;
                results.add(pool.submit(() -> JsonCodec.<List<String>>fromJson(
                        JsonCodec.toJson(List.of("v" + n)), JsonCodec.STRING_LIST).get(0)));
            }
            for (int i = 0; i < results.size(); i++) {
                assertEquals("v" + i, results.get(i).get());
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void convertersKeepNullsAndTypes() {
        var objects = new JsonObjectConverter();
        assertNull(objects.convertToDatabaseColumn(null));
        assertNull(objects.convertToEntityAttribute(null));
        assertEquals("{\"a\":1}", objects.convertToDatabaseColumn(objects.convertToEntityAttribute("{ \"a\": 1 }")));

        var lists = new StringListConverter();
        assertEquals("[\"python train.py\",\"echo ok\"]",
                lists.convertToDatabaseColumn(List.of("python train.py", "echo ok")));
        assertEquals(List.of("a", "b"), lists.convertToEntityAttribute("[\"a\",\"b\"]"));
        assertThrows(UnsupportedOperationException.class, () -> lists.convertToEntityAttribute("[]").add("c"));

        var maps = new JsonMapConverter();
        assertEquals(List.of("y", "x"), List.copyOf(maps.convertToEntityAttribute("{\"y\":1,\"x\":2}").keySet()));
    }

    @Test
    void settingsAreSortedAndReadAsText() {
        var settings = new StringMapConverter();
        assertEquals("{\"a\":\"1\",\"b\":\"2\"}", settings.convertToDatabaseColumn(Map.of("b", "2", "a", "1")));
        assertEquals(Map.of("port", "8080", "url", "http://x"),
                settings.convertToEntityAttribute("{\"url\": \"http://x\", \"port\": 8080}"));
    }
}
