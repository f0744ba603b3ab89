package io.lathe.plugins.notifier.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void writesTheLiterals() {
        assertEquals("null", Json.write(null));
        assertEquals("true", Json.write(true));
        assertEquals("false", Json.write(false));
    }

    @Test
    void writesPlainTextInQuotes() {
        assertEquals("\"hello world\"", Json.write("hello world"));
        assertEquals("\"\"", Json.write(""));
        assertEquals("\"sb\"", Json.write(new StringBuilder("sb")));
    }

    @Test
    void escapesQuotesAndBackslashes() {
        assertEquals("\"say \\\"hi\\\" \\\\o/\"", Json.write("say \"hi\" \\o/"));
    }

    @Test
    void escapesControlCharactersShortWhereJsonHasAForm() {
        assertEquals("\"\\b\\f\\n\\r\\t\"", Json.write("\b\f\n\r\t"));
        assertEquals("\"\\u0000\\u0001\\u001f\"", Json.write("\u0000\u0001\u001f"));
    }

    @Test
    void leavesOtherTextAsItIs() {
        String text = "caf\u00e9 \u6570\u636e \uD83D\uDE80 / \u007f";

        assertEquals("\"" + text + "\"", Json.write(text));
    }

    @Test
    void escapesLineSeparatorsThatBreakJavaScript() {
        assertEquals("\"a\\u2028b\\u2029c\"", Json.write("a\u2028b\u2029c"));
    }

    @Test
    void escapesUnpairedSurrogates() {
        assertEquals("\"\\ud83d x \\ude80\"", Json.write("\uD83D x \uDE80"));
        assertEquals("\"end \\ud83d\"", Json.write("end \uD83D"));
    }

    @Test
    void writesWholeNumbersExactly() {
        assertEquals("42", Json.write(42));
        assertEquals("-9223372036854775808", Json.write(Long.MIN_VALUE));
        assertEquals("123456789012345678901234567890", Json.write(new BigInteger("123456789012345678901234567890")));
        assertEquals("7", Json.write((short) 7));
    }

    @Test
    void writesFractionsAsJsonNumbers() {
        assertEquals("0.5", Json.write(0.5));
        assertEquals("1.0", Json.write(1.0));
        assertEquals("1.0E-5", Json.write(1e-5));
        assertEquals("1.5E300", Json.write(1.5e300));
        assertEquals("0.25", Json.write(0.25f));
        assertEquals("1E+3", Json.write(new BigDecimal("1E+3")));
    }

    @Test
    void writesNonFiniteNumbersAsNull() {
        assertEquals("[null,null,null]",
                Json.write(List.of(Double.NaN, Double.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY)));
    }

    @Test
    void writesListsAndNesting() {
        assertEquals("[]", Json.write(List.of()));
        assertEquals("[1,\"two\",[true,null],{\"k\":[]}]",
                Json.write(Arrays.asList(1L, "two", Arrays.asList(true, null), Map.of("k", List.of()))));
    }

    @Test
    void writesUnorderedMapsSortedByKey() {
        Map<String, Object> map = new HashMap<>();
        map.put("zebra", 1);
        map.put("apple", 2);
        map.put("Mango", 3);

        assertEquals("{\"Mango\":3,\"apple\":2,\"zebra\":1}", Json.write(map));
        assertEquals("{\"a\":1,\"b\":2,\"c\":3}", Json.write(Map.of("c", 3, "a", 1, "b", 2)));
    }

    @Test
    void keepsTheOrderOfOrderedMaps() {
        Map<String, Object> linked = new LinkedHashMap<>();
        linked.put("second", 2);
        linked.put("first", 1);

        assertEquals("{\"second\":2,\"first\":1}", Json.write(linked));
        assertEquals("{\"a\":1,\"b\":2}", Json.write(new TreeMap<>(Map.of("b", 2, "a", 1))));
    }

    @Test
    void escapesKeysLikeValues() {
        assertEquals("{\"a\\\"b\\n\":null}", Json.write(singleton("a\"b\n", null)));
    }

    @Test
    void writesSetsAsArrays() {
        assertEquals("[\"only\"]", Json.write(Set.of("only")));
    }

    @Test
    void refusesTypesJsonHasNoFormFor() {
        assertThrows(IllegalArgumentException.class, () -> Json.write(Instant.EPOCH));
        assertThrows(IllegalArgumentException.class, () -> Json.write(List.of(new Object())));
    }

    @Test
    void refusesKeysThatAreNoStrings() {
        assertThrows(IllegalArgumentException.class, () -> Json.write(Map.of(1, "one")));
    }

    @Test
    void refusesACycleInsteadOfOverflowingTheStack() {
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);

        assertThrows(IllegalArgumentException.class, () -> Json.write(cycle));
    }

    private static Map<String, Object> singleton(String key, Object value) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(key, value);
        return map;
    }
}
