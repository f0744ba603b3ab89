package io.lathe.server.valohai;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;
import java.util.regex.Pattern;

/** Numbers as they arrive from YAML and JSON: Long, Double, BigInteger, BigDecimal, or text that reads as one. */
final class Numbers {

    /** Python's {@code int()} syntax: digits, optionally signed, single underscores between digits. */
    static final Pattern INTEGER_TEXT = Pattern.compile("[-+]?\\d+(?:_\\d+)*");

    /** Python's {@code float()} syntax for finite numbers (no hex floats or Java's {@code d}/{@code f} suffixes). */
    static final Pattern DECIMAL_TEXT = Pattern.compile(
            "[-+]?(?:\\d+(?:_\\d+)*(?:\\.(?:\\d+(?:_\\d+)*)?)?|\\.\\d+(?:_\\d+)*)(?:[eE][-+]?\\d+(?:_\\d+)*)?");

    /**
     * Text longer than this is not read as a number: as JSON parsers refuse such numbers, and since reading a million
     * digits takes seconds.
     */
    static final int MAX_TEXT_LENGTH = 1_100;

    private Numbers() {
    }

    /** The number {@code value} is or spells; booleans are not numbers. */
    static Optional<Number> parse(Object value) {
        if (value instanceof Number number) {
            return Optional.of(number);
        }
        if (!(value instanceof String text)) {
            return Optional.empty();
        }
        String trimmed = text.strip();
        if (trimmed.length() > MAX_TEXT_LENGTH) {
            return Optional.empty();
        }
        if (INTEGER_TEXT.matcher(trimmed).matches()) {
            BigInteger integer = new BigInteger(trimmed.replace("_", ""));
            return Optional.of(integer.bitLength() < 64 ? (Number) integer.longValueExact() : integer);
        }
        if (DECIMAL_TEXT.matcher(trimmed).matches()) {
            double parsed = Double.parseDouble(trimmed.replace("_", ""));
            return Double.isFinite(parsed) ? Optional.of(parsed) : Optional.empty();
        }
        return Optional.empty();
    }

    /** The exact decimal value of a number; empty for NaN and infinities. */
    static Optional<BigDecimal> exact(Number number) {
        if (number instanceof BigDecimal decimal) {
            return Optional.of(decimal);
        }
        if (number instanceof BigInteger integer) {
            return Optional.of(new BigDecimal(integer));
        }
        if (number instanceof Double || number instanceof Float) {
            double value = number.doubleValue();
            return Double.isFinite(value) ? Optional.of(BigDecimal.valueOf(value)) : Optional.empty();
        }
        return Optional.of(BigDecimal.valueOf(number.longValue()));
    }

    /** A number for a message: plain digits ({@code 0.0001}, not {@code 1.0E-4}) unless very large or small. */
    static String display(Number number) {
        Optional<BigDecimal> exact = exact(number);
        if (exact.isEmpty()) {
            return String.valueOf(number);
        }
        BigDecimal value = exact.get().stripTrailingZeros();
        int magnitude = value.precision() - value.scale();
        return magnitude > -7 && magnitude < 22 ? value.toPlainString() : value.toString();
    }
}
