package io.lathe.server.valohai;

import java.util.List;
import java.util.Optional;

/**
 * Formats one piece of a {@code pass-as} pattern as Python's {@code str.format_map} does with the keys
 * {@code name}, {@code value} and {@code v}: doubled braces are literal braces, and a field may carry a
 * {@code !s} or {@code !r} conversion. Format specifications ({@code {v:.2f}}) are not supported.
 */
final class PassAsTemplate {

    private static final List<String> FIELDS = List.of("name", "value", "v");

    private PassAsTemplate() {
    }

    /**
     * @throws IllegalArgumentException when the piece cannot be formatted; the message says why
     */
    static String format(String piece, String name, Object value) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < piece.length()) {
            char c = piece.charAt(i);
            if (c == '{' && i + 1 < piece.length() && piece.charAt(i + 1) == '{') {
                out.append('{');
                i += 2;
            } else if (c == '}' && i + 1 < piece.length() && piece.charAt(i + 1) == '}') {
                out.append('}');
                i += 2;
            } else if (c == '}') {
                throw new IllegalArgumentException("has a '}' without a matching '{'; write '}}' for a literal brace");
            } else if (c == '{') {
                int end = piece.indexOf('}', i);
                if (end < 0) {
                    throw new IllegalArgumentException("has a '{' without a matching '}'; write '{{' for a literal"
                            + " brace");
                }
                out.append(field(piece.substring(i + 1, end), name, value));
                i = end + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** What is wrong with a whole pattern, if formatting it would fail. */
    static Optional<String> problem(String pattern) {
        try {
            for (String piece : pattern.strip().split("\\s+")) {
                format(piece, "name", "value");
            }
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of("'" + pattern + "' " + e.getMessage());
        }
    }

    private static String field(String field, String name, Object value) {
        String fieldName = field;
        String conversion = "s";
        int colon = field.indexOf(':');
        if (colon >= 0) {
            throw new IllegalArgumentException("uses the format specification {" + field + "}, which is not"
                    + " supported; use {" + field.substring(0, colon) + "}");
        }
        int bang = field.indexOf('!');
        if (bang >= 0) {
            fieldName = field.substring(0, bang);
            conversion = field.substring(bang + 1);
        }
        if (!FIELDS.contains(fieldName)) {
            throw new IllegalArgumentException("uses the unknown placeholder {" + field + "}; the placeholders are"
                    + " {name}, {value} and {v}");
        }
        Object replacement = fieldName.equals("name") ? name : value;
        return switch (conversion) {
            case "s" -> PythonText.str(replacement);
            case "r", "a" -> PythonText.repr(replacement);
            default -> throw new IllegalArgumentException("uses the unknown conversion !" + conversion + " in {"
                    + field + "}; use !s or !r");
        };
    }
}
