package io.lathe.server.console;

import io.lathe.server.data.Datum;
import io.lathe.server.executions.Execution;
import io.lathe.server.executions.ResolvedInput;
import io.lathe.server.platform.JsonText;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import io.lathe.server.projects.Project;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What templates see of entities: plain maps of display-ready values, so templates stay free of logic. */
final class ConsoleViews {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private ConsoleViews() {
    }

    /** A moment as every console page shows it, to the second, in UTC. */
    static String time(long epochMillis) {
        return TIME.format(Instant.ofEpochMilli(epochMillis));
    }

    static String time(Instant instant) {
        return TIME.format(instant);
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

    static Map<String, Object> executionDetail(Execution execution, List<ResolvedInput> inputs, List<Datum> outputs) {
        Map<String, Object> view = execution(execution);
        view.put("projectId", execution.projectId());
        view.put("commit", execution.commitId());
        view.put("image", execution.image());
        view.put("environment", execution.environment());
        view.put("exitCode", execution.exitCode() == null ? "" : execution.exitCode().toString());
        view.put("detail", execution.statusDetail() == null ? "" : execution.statusDetail());
        view.put("terminal", execution.status().isTerminal());
        view.put("copiedFrom", execution.copiedFrom() == null ? "" : execution.copiedFrom());
        view.put("parameters", JsonText.object(execution.parametersJson()).entrySet().stream()
                .map(e -> Map.of("name", e.getKey(), "value", plain(e.getValue()))).toList());
        view.put("command", JsonText.array(execution.command()).getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).toList());
        view.put("inputs", inputs.stream().map(i -> Map.of("name", i.inputName(), "file", i.fileName(),
                "uri", i.uri(), "datum", i.datumId() == null ? "" : i.datumId(),
                "size", i.size() == null ? "" : size(i.size()), "sha256", i.sha256() == null ? "" : i.sha256()))
                .toList());
        view.put("outputs", outputs.stream().map(d -> Map.of("path", d.name(), "datum", d.id(),
                "size", size(d.size()), "sha256", d.sha256())).toList());
        return view;
    }

    /** A parameter's value as shown: a string without quotes, anything else as JSON. */
    static String plain(JsonValue value) {
        return value instanceof JsonString text ? text.getString() : value.toString();
    }

    static String size(long bytes) {
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

    static String duration(Execution execution) {
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
