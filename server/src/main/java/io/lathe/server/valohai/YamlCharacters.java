package io.lathe.server.valohai;

import java.util.Locale;
import java.util.Optional;

/**
 * Checks the text of a file before SnakeYAML reads it: for the characters YAML does not allow (SnakeYAML refuses
 * them too, but without saying on which line), and for overlong lines, since SnakeYAML's reader takes time that grows
 * with the square of the length of an unbroken run of text.
 */
final class YamlCharacters {

    /** About 20 ms of reading at most; a longer line is surely not written by hand. */
    static final int MAX_LINE_LENGTH = 100_000;

    private YamlCharacters() {
    }

    /**
     * The first character YAML does not allow or the first overlong line, as a problem on its line; empty when the
     * text can be given to SnakeYAML.
     */
    static Optional<ConfigProblem> firstForbidden(String fileName, String text) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < text.length(); ) {
            if (i - lineStart > MAX_LINE_LENGTH && column(text, lineStart, i) > MAX_LINE_LENGTH) {
                return Optional.of(new ConfigProblem(fileName, line, "the line is longer than " + MAX_LINE_LENGTH
                        + " characters; break it up (a '|' or '>' block can hold long text over several lines)"));
            }
            int c = text.codePointAt(i);
            if (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) {
                return Optional.of(new ConfigProblem(fileName, line, "column " + column(text, lineStart, i)
                        + " holds a broken character (a lone UTF-16 surrogate); save the file as UTF-8"));
            }
            if (!isPrintable(c)) {
                return Optional.of(new ConfigProblem(fileName, line, "column " + column(text, lineStart, i)
                        + " holds the control character U+" + String.format(Locale.ROOT, "%04X", c)
                        + ", which YAML does not allow; remove it"));
            }
            int next = i + Character.charCount(c);
            // Line breaks as SnakeYAML counts them, so that lines agree with its own error messages.
            boolean crBeforeLf = c == '\r' && next < text.length() && text.charAt(next) == '\n';
            if (c == '\n' || c == '\r' && !crBeforeLf || c == 0x85 || c == 0x2028 || c == 0x2029) {
                line++;
                lineStart = next;
            }
            i = next;
        }
        return Optional.empty();
    }

    /** YAML 1.1's printable characters, as SnakeYAML's reader checks them. */
    private static boolean isPrintable(int c) {
        return c >= 0x20 && c <= 0x7E || c == '\t' || c == '\n' || c == '\r' || c == 0x85
                || c >= 0xA0 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD || c >= 0x10000 && c <= 0x10FFFF;
    }

    private static int column(String text, int lineStart, int index) {
        return text.codePointCount(lineStart, index) + 1;
    }
}
