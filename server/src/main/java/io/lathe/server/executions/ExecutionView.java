package io.lathe.server.executions;

import io.lathe.server.data.Datum;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An execution as the API shows it, with its reproducibility record: commit, step as resolved, parameters, inputs
 * with checksums, command as run, environment, exit code and times. Lists leave inputs and outputs out.
 */
@JsonbPropertyOrder({"id", "counter", "project", "status", "title", "step", "commit", "parameters", "inputs",
    "outputs", "command", "image", "environment", "exitCode", "statusDetail", "createdAt", "queuedAt", "startedAt",
    "endedAt", "duration", "copiedFrom", "metrics", "stepConfig"})
public record ExecutionView(
        String id,
        int counter,
        String project,
        String status,
        String title,
        String step,
        String commit,
        JsonObject parameters,
        List<Input> inputs,
        List<Output> outputs,
        JsonArray command,
        String image,
        String environment,
        @JsonbProperty("exit_code") Integer exitCode,
        @JsonbProperty("status_detail") String statusDetail,
        @JsonbProperty("created_at") Instant createdAt,
        @JsonbProperty("queued_at") Instant queuedAt,
        @JsonbProperty("started_at") Instant startedAt,
        @JsonbProperty("ended_at") Instant endedAt,
        Double duration,
        @JsonbProperty("copied_from") String copiedFrom,
        Map<String, Double> metrics,
        @JsonbProperty("step_config") JsonObject stepConfig) {

    /** One input file as used. */
    public record Input(String name, String uri, String datum, @JsonbProperty("file_name") String fileName, Long size,
            String sha256) {
    }

    /** One output file as stored. */
    public record Output(String path, String datum, long size, String sha256) {
    }

    static ExecutionView of(Execution e, List<ResolvedInput> inputs, List<Datum> outputs) {
        return new ExecutionView(e.id(), e.counter(), e.projectId(), e.status().apiName(), e.title(), e.stepName(),
                e.commitId(), e.parameters(),
                inputs == null ? null : inputs.stream().map(i -> new Input(i.inputName(), i.uri(), i.datumId(),
                        i.fileName(), i.size(), i.sha256())).toList(),
                outputs == null ? null : outputs.stream().map(d -> new Output(d.name(), d.id(), d.size(),
                        d.sha256())).toList(),
                Json.createArrayBuilder(e.command()).build(), e.image(), e.environment(),
                e.exitCode(), e.statusDetail(), instant(e.createdAt()), instant(e.queuedAt()),
                instant(e.startedAt()), instant(e.endedAt()), duration(e), e.copiedFrom(), null,
                inputs == null ? null : e.step());
    }

    public static ExecutionView summary(Execution e) {
        return of(e, null, null);
    }

    /** A list item with the latest values of the metrics asked for (those it has; null when none were asked). */
    public static ExecutionView summary(Execution e, Map<String, Double> metrics) {
        ExecutionView v = of(e, null, null);
        return new ExecutionView(v.id, v.counter, v.project, v.status, v.title, v.step, v.commit, v.parameters, null,
                null, v.command, v.image, v.environment, v.exitCode, v.statusDetail, v.createdAt, v.queuedAt,
                v.startedAt, v.endedAt, v.duration, v.copiedFrom, metrics, null);
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }

    private static Double duration(Execution e) {
        if (e.startedAt() == null) {
            return null;
        }
        long end = e.endedAt() == null ? System.currentTimeMillis() : e.endedAt();
        return (end - e.startedAt()) / 1000.0;
    }
}
