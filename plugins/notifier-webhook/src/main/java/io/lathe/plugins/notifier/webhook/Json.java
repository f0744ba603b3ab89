package io.lathe.plugins.notifier.webhook;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes JSON (RFC 8259) from the value types an event carries: {@code null}, {@link CharSequence},
 * {@link Number}, {@link Boolean}, {@link Collection} and {@link Map} with string keys.
 *
 * <p>Ordered maps ({@link LinkedHashMap}, {@link SortedMap}) keep their order; other maps are written sorted by key,
 * so that the same value always gives the same text. Non-finite numbers become {@code null}, as in JavaScript.
 * Besides what JSON requires, U+2028, U+2029 and unpaired surrogates are escaped.
 */
final class Json {

    private static final int MAX_DEPTH = 64;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Json() {
    }

    /**
     * The JSON text of {@code value}.
     *
     * @throws IllegalArgumentException for a value of another type, a key that is no string, or nesting deeper
     *     than 64 levels (a cycle)
     */
    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, 0);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("value nested deeper than " + MAX_DEPTH + " levels; is it a cycle?");
        }
        if (value == null) {
            out.append("null");
        } else if (value instanceof CharSequence text) {
            string(text, out);
        } else if (value instanceof Boolean bool) {
            out.append(bool.booleanValue());
        } else if (value instanceof Number number) {
            number(number, out);
        } else if (value instanceof Map<?, ?> map) {
            object(map, out, depth);
        } else if (value instanceof Collection<?> collection) {
            out.append('[');
            boolean first = true;
            for (Object element : collection) {
                out.append(first ? "" : ",");
                write(element, out, depth + 1);
                first = false;
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("cannot write a " + value.getClass().getName() + " as JSON");
        }
    }

    private static void object(Map<?, ?> map, StringBuilder out, int depth) {
        List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
        for (Map.Entry<?, ?> entry : entries) {
            if (!(entry.getKey() instanceof String)) {
                throw new IllegalArgumentException("JSON object keys must be strings, not " + entry.getKey());
            }
        }
        if (!(map instanceof LinkedHashMap || map instanceof SortedMap)) {
            entries.sort((a, b) -> ((String) a.getKey()).compareTo((String) b.getKey()));
        }
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : entries) {
            out.append(first ? "" : ",");
            string((String) entry.getKey(), out);
            out.append(':');
            write(entry.getValue(), out, depth + 1);
            first = false;
        }
        out.append('}');
    }

    private static void number(Number number, StringBuilder out) {
        if (number instanceof Double || number instanceof Float) {
            double d = number.doubleValue();
            out.append(Double.isFinite(d) ? number.toString() : "null");
        } else if (number instanceof Long || number instanceof Integer || number instanceof Short
                || number instanceof Byte || number instanceof BigInteger || number instanceof BigDecimal
                || number instanceof AtomicLong || number instanceof AtomicInteger) {
            out.append(number);
        } else {
            double d = number.doubleValue();
            out.append(Double.isFinite(d) ? Double.toString(d) : "null");
        }
    }

    private static void string(CharSequence text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        unicodeEscape(c, out);
                    } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1))) {
                        out.append(c).append(text.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        unicodeEscape(c, out);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static void unicodeEscape(char c, StringBuilder out) {
        out.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf])
                .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
    }
}
