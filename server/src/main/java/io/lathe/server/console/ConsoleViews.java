package io.lathe.server.console;

import io.lathe.server.executions.Execution;
import io.lathe.server.projects.Project;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/** What templates see of entities: plain maps of display-ready values, so templates stay free of logic. */
final class ConsoleViews {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private ConsoleViews() {
    }

    static Map<String, Object> project(Project project) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", project.id());
        view.put("name", project.name());
        view.put("description", project.description());
        view.put("created", TIME.format(Instant.ofEpochMilli(project.createdAt())));
        return view;
    }

    static Map<String, Object> execution(Execution execution) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", execution.id());
        view.put("counter", execution.counter());
        view.put("status", execution.status().apiName());
        view.put("step", execution.stepName());
        view.put("title", execution.title() == null ? "" : execution.title());
        view.put("created", TIME.format(Instant.ofEpochMilli(execution.createdAt())));
        view.put("duration", duration(execution));
        return view;
    }

    private static String duration(Execution execution) {
        if (execution.startedAt() == null) {
            return "";
        }
        long end = execution.endedAt() == null ? System.currentTimeMillis() : execution.endedAt();
        Duration duration = Duration.ofMillis(end - execution.startedAt());
        if (duration.toMinutes() > 0) {
            return duration.toMinutes() + " min " + duration.toSecondsPart() + " s";
        }
        return String.format("%.1f s", duration.toMillis() / 1000.0);
    }
}
