package io.lathe.server.data;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One range of bytes a download asks for with {@code Range: bytes=first-last}, {@code bytes=first-} or
 * {@code bytes=-suffix} (RFC 9110). Several ranges, or a header of another unit, are served whole, as the RFC allows.
 */
record ByteRange(long start, long length) {

    static final ByteRange UNSATISFIABLE = new ByteRange(-1, -1);
    private static final Pattern ONE_RANGE = Pattern.compile("bytes=(\\d{0,19})-(\\d{0,19})");

    /** The range asked for within {@code size} bytes; null to serve everything; {@link #UNSATISFIABLE} for 416. */
    static ByteRange parse(String header, long size) {
        if (header == null) {
            return null;
        }
        Matcher range = ONE_RANGE.matcher(header.strip());
        if (!range.matches() || (range.group(1).isEmpty() && range.group(2).isEmpty())) {
            return null;
        }
        try {
            if (range.group(1).isEmpty()) {
                long suffix = Long.parseLong(range.group(2));
                if (suffix == 0 || size == 0) {
                    return UNSATISFIABLE;
                }
                long length = Math.min(suffix, size);
                return new ByteRange(size - length, length);
            }
            long first = Long.parseLong(range.group(1));
            if (!range.group(2).isEmpty() && Long.parseLong(range.group(2)) < first) {
                return null;
            }
            long last = range.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(range.group(2)), size - 1);
            if (first >= size || last < first) {
                return UNSATISFIABLE;
            }
            return new ByteRange(first, last - first + 1);
        } catch (NumberFormatException e) {
            return UNSATISFIABLE;
        }
    }
}
