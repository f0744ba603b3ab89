package io.lathe.server.valohai;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as {@code valohai.yaml} writes them in {@code time-limit} and {@code no-output-timeout}: whole seconds
 * ({@code 300}) or text such as {@code "1h 30m 5s"}, {@code "1.5d"} or {@code "2w"}.
 */
public final class Durations {

    /** A number and the unit after it; as in valohai-yaml, text between matches (commas, "and") is ignored. */
    private static final Pattern PART = Pattern.compile("([.\\d]+)\\s*([a-z]*)");
    private static final Map<Character, Long> SECONDS_PER_UNIT = Map.of(
            's', 1L, 'm', 60L, 'h', 3_600L, 'd', 86_400L, 'w', 604_800L);

    /** Longer durations are as good as none, and are kept as this many seconds rather than overflow. */
    private static final BigInteger MAX_SECONDS = BigInteger.valueOf(Long.MAX_VALUE);

    private Durations() {
    }

    /**
     * Reads a duration. The unit is the first letter of the word after each number ({@code s}, {@code m},
     * {@code h}, {@code d}, {@code w}, so {@code "60 minutes"} is an hour); parts are summed. Two things go beyond
     * valohai-yaml: letters may be upper case, and a number without a unit counts as seconds.
     *
     * @param value an integer number of seconds, a duration text, or null
     * @return empty for null and for blank text (no limit)
     * @throws IllegalArgumentException when the value is not a positive duration; the message says what to write
     */
    public static Optional<Duration> parse(Object value) {
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
            BigInteger seconds = new BigInteger(value.toString());
            if (seconds.signum() <= 0) {
                throw new IllegalArgumentException("must be more than 0 seconds (got " + value + ")");
            }
            return Optional.of(Duration.ofSeconds(seconds.min(MAX_SECONDS).longValueExact()));
        }
        if (!(value instanceof String text)) {
            throw new IllegalArgumentException("must be whole seconds or a duration such as '1h 30m' (got "
                    + PythonText.str(value) + ")");
        }
        if (text.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(parseText(text));
    }

    private static Duration parseText(String text) {
        BigDecimal total = BigDecimal.ZERO;
        Matcher matcher = PART.matcher(text.toLowerCase(Locale.ROOT));
        while (matcher.find()) {
            BigDecimal amount;
            try {
                amount = new BigDecimal(matcher.group(1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + matcher.group(1) + "' in '" + text + "' is not a number");
            }
            String unit = matcher.group(2);
            Long perUnit = unit.isEmpty() ? Long.valueOf(1) : SECONDS_PER_UNIT.get(unit.charAt(0));
            if (perUnit == null) {
                throw new IllegalArgumentException("unknown unit '" + unit + "' in '" + text
                        + "'; use s, m, h, d or w, as in '1h 30m'");
            }
            total = total.add(amount.multiply(BigDecimal.valueOf(perUnit)));
        }
        if (total.signum() <= 0) {
            throw new IllegalArgumentException("'" + text + "' is not a positive duration; write e.g. '1h 30m' or"
                    + " a number of seconds");
        }
        if (total.compareTo(new BigDecimal(MAX_SECONDS)) >= 0) {
            return Duration.ofSeconds(Long.MAX_VALUE);
        }
        BigDecimal wholeSeconds = total.setScale(0, RoundingMode.DOWN);
        long nanos = total.subtract(wholeSeconds).movePointRight(9).setScale(0, RoundingMode.HALF_UP).longValue();
        return Duration.ofSeconds(wholeSeconds.longValueExact(), nanos);
    }
}
