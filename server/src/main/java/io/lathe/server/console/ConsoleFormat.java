package io.lathe.server.console;

import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How the console shows values of the API's views: times in UTC, sizes in binary units, durations, parameter values.
 * Templates reach it as {@code $format} (e.g. {@code $format.time($execution.createdAt)}), pages call it directly.
 */
public final class ConsoleFormat {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** A moment as most pages show it, to the second, in UTC. */
    public static String time(Instant instant) {
        return SECONDS.format(instant);
    }

    public static String time(long epochMillis) {
        return time(Instant.ofEpochMilli(epochMillis));
    }

    /** A moment to the minute, where seconds would be noise (tokens, users, the commits to pick from). */
    public static String minutes(Instant instant) {
        return MINUTES.format(instant);
    }

    /** A size in bytes, in binary units; empty when unknown. */
    public static String size(Long bytes) {
        if (bytes == null) {
            return "";
        }
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format("%.1f %s", value, units[unit]);
    }

    /** How long something ran, from the API's duration in seconds; empty when it has not started. */
    public static String duration(Double seconds) {
        if (seconds == null) {
            return "";
        }
        Duration duration = Duration.ofMillis(Math.round(seconds * 1000));
        if (duration.toMinutes() > 0) {
            return duration.toMinutes() + " min " + duration.toSecondsPart() + " s";
        }
        return String.format("%.1f s", duration.toMillis() / 1000.0);
    }

    /** A parameter's value as shown: a string without quotes, anything else as JSON. */
    public static String plain(JsonValue value) {
        return value instanceof JsonString text ? text.getString() : value.toString();
    }

    /** A metric as a person reads it: whole numbers whole, others to five significant digits. */
    public static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        String text = String.format(Locale.ROOT, "%.5g", value);
        return text.contains("e") || !text.contains(".") ? text : text.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    /** An objective, to six significant digits; empty when there is none yet. */
    public static String objective(Double value) {
        return value == null ? "" : String.format(Locale.ROOT, "%.6g", value);
    }

    /** A commit's id as tables show it: its first 13 characters. */
    public static String shortId(String id) {
        return id.substring(0, Math.min(13, id.length()));
    }

    /** A value for a URL's query. */
    public static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
