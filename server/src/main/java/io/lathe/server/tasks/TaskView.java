package io.lathe.server.tasks;

import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import java.time.Instant;
import java.util.List;

/** A task as the API shows it: its definition, its trials with their objectives, and the best so far. */
public record TaskView(
        String id,
        int counter,
        String project,
        String status,
        @JsonbProperty("status_detail") String statusDetail,
        String type,
        @JsonbNillable String optimizer,
        String commit,
        String step,
        String title,
        @JsonbNillable CreateTask.Objective objective,
        @JsonbProperty("max_executions") int maxExecutions,
        int parallelism,
        @JsonbProperty("early_stopping") JsonObject earlyStopping,
        long seed,
        @JsonbProperty("created_at") Instant createdAt,
        @JsonbProperty("ended_at") Instant endedAt,
        List<TrialView> executions,
        @JsonbNillable Best best) {

    /** One trial: its execution, parameters, state and objective. */
    public record TrialView(int trial, String execution, int counter, String status, JsonObject parameters,
            @JsonbNillable Double objective, @JsonbProperty("stopped_reason") String stoppedReason) {
    }

    /** A task as a list shows it: no trials, one query for the whole list. */
    public record Summary(String id, int counter, String status, String type, String step, String title,
            @JsonbProperty("max_executions") int maxExecutions, int parallelism,
            @JsonbProperty("created_at") Instant createdAt) {
        public static Summary of(Task task) {
            return new Summary(task.id(), task.counter(), task.status().apiName(), task.type(), task.stepName(),
                    task.title(), task.maxExecutions(), task.parallelism(), Instant.ofEpochMilli(task.createdAt()));
        }
    }

    /** The trial with the best objective so far. */
    public record Best(String execution, int counter, JsonObject parameters, double objective) {
    }
}
