package io.lathe.server.platform;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Instants that callers send (query parameters, form fields, JSON values) turned into the epoch milliseconds the
 * records keep. {@link Instant} takes years up to ±1,000,000,000, but their milliseconds do not fit a {@code long}:
 * every instant from a request goes through here, so that such a value is the caller's error naming the field, not
 * an {@code ArithmeticException}.
 */
public final class Timestamps {

    /** The range a request may name: wide enough for any real date, far inside what a {@code long} holds. */
    static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    private Timestamps() {
    }

    /**
     * The epoch milliseconds of {@code text}, an ISO-8601 instant such as {@code 2026-11-27T10:00:00Z}; null when it is
     * null or blank.
     *
     * @throws DomainException 400 {@code invalid-time} naming {@code field} when it is not such an instant or lies
     *     outside the years 0 to 9999
     */
    public static Long epochMillis(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Instant instant;
        try {
            instant = Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw invalid(field, field + " must be an ISO-8601 instant such as 2026-11-27T10:00:00Z, not '"
                    + shortened(text) + "'");
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw invalid(field, field + " must lie between the years 0 and 9999, not '" + shortened(text) + "'");
        }
        try {
            return instant.toEpochMilli();
        } catch (ArithmeticException | DateTimeException e) {
            // not reached within the range above; kept so that a change of the range cannot bring back a 500
            throw invalid(field, field + " is out of range");
        }
    }

    private static DomainException invalid(String field, String message) {
        return DomainException.invalid("invalid-time", message, field);
    }

    private static String shortened(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "\u2026";
    }
}
