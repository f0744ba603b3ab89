package io.lathe.plugin.api.notify;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Something that happened in Lathe that people may want to hear of.
 *
 * @param type a stable dotted name, e.g. {@code execution.complete}, {@code execution.error}
 * @param project the project's name
 * @param title one line for a person
 * @param body a few sentences for a person; may be empty
 * @param url where to see it in the console
 * @param time when it happened
 * @param data the facts of the event as JSON-ready values (String, Number, Boolean, List, Map)
 */
public record Event(String type, String project, String title, String body, String url, Instant time,
        Map<String, Object> data) {

    /** Checks that no part is null and copies the data. */
    public Event {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(time, "time");
        data = Map.copyOf(data);
    }
}
