package com.example.lathe.notifier;

import io.lathe.plugin.api.PluginException;
import io.lathe.plugin.api.notify.Event;
import io.lathe.plugin.api.notify.Notifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/**
 * Appends events to a file, one JSON object per line. Deliveries are serialised so that concurrent events never
 * interleave within a line.
 */
final class FileNotifier implements Notifier {

    private final Path file;

    FileNotifier(Path file) {
        this.file = file;
    }

    @Override
    public synchronized void deliver(Event event) {
        StringBuilder line = new StringBuilder("{");
        field(line, "type", event.type()).append(',');
        field(line, "project", event.project()).append(',');
        field(line, "title", event.title()).append(',');
        field(line, "body", event.body()).append(',');
        field(line, "url", event.url()).append(',');
        field(line, "time", event.time().toString()).append(",\"data\":");
        value(line, event.data());
        line.append("}\n");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new PluginException("write-failed", "cannot append to " + file + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        // Nothing is held open between deliveries.
    }

    private static StringBuilder field(StringBuilder out, String name, String text) {
        string(out, name);
        out.append(':');
        string(out, text);
        return out;
    }

    private static void value(StringBuilder out, Object value) {
        if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.append(first ? "" : ",");
                first = false;
                string(out, String.valueOf(entry.getKey()));
                out.append(':');
                value(out, entry.getValue());
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ",");
                value(out, list.get(i));
            }
            out.append(']');
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value == null) {
            out.append("null");
        } else {
            string(out, value.toString());
        }
    }

    /** A JSON string: quotes, backslashes and every control or line-separating character escaped. */
    private static void string(StringBuilder out, String text) {
        out.append('"');
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }
}
