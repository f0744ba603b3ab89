package io.lathe.launcher;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * A log record as one line of text, or as one JSON object on a line of its own for log collectors
 * ({@code LATHE_LOG_FORMAT=json}). Levels are named as {@code LATHE_LOG_LEVEL} names them: DEBUG (JUL's FINE and
 * below), INFO, WARNING, ERROR (SEVERE).
 */
final class LogLineFormat extends Formatter {

    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    private final boolean json;
    private final boolean stackTraces;

    /**
     * @param stackTraces whether a record's exception is written with its stack trace, or by its message only
     */
    LogLineFormat(boolean json, boolean stackTraces) {
        this.json = json;
        this.stackTraces = stackTraces;
    }

    @Override
    public String format(LogRecord record) {
        String message = formatMessage(record);
        String thrown = thrown(record.getThrown());
        if (json) {
            StringBuilder line = new StringBuilder(128 + message.length());
            line.append("{\"time\":\"").append(record.getInstant()).append("\",\"level\":\"")
                    .append(levelName(record.getLevel())).append("\",\"logger\":");
            quote(line, record.getLoggerName() == null ? "" : record.getLoggerName());
            line.append(",\"message\":");
            quote(line, message);
            if (thrown != null) {
                line.append(",\"error\":");
                quote(line, thrown);
            }
            return line.append("}\n").toString();
        }
        StringBuilder line = new StringBuilder(64 + message.length());
        line.append(LOCAL_TIME.format(record.getInstant())).append(' ').append(levelName(record.getLevel()))
                .append(' ');
        if (!LatheLoggers.own(record.getLoggerName())) {
            line.append('[').append(record.getLoggerName()).append("] ");
        }
        line.append(message).append('\n');
        if (thrown != null) {
            line.append(thrown);
            if (!thrown.endsWith("\n")) {
                line.append('\n');
            }
        }
        return line.toString();
    }

    static String levelName(Level level) {
        int value = level.intValue();
        if (value >= Level.SEVERE.intValue()) {
            return "ERROR";
        }
        if (value >= Level.WARNING.intValue()) {
            return "WARNING";
        }
        if (value >= Level.INFO.intValue()) {
            return "INFO";
        }
        return "DEBUG";
    }

    private String thrown(Throwable thrown) {
        if (thrown == null) {
            return null;
        }
        if (!stackTraces) {
            // The message is the one sentence a person reads; the trace is in server.log.
            return json ? thrown.toString() : null;
        }
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }

    private static void quote(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
