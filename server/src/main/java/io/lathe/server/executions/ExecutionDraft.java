package io.lathe.server.executions;

import io.lathe.server.platform.Ids;
import jakarta.json.JsonObject;
import java.util.List;

/** An execution fully resolved and checked, ready to be recorded. */
record ExecutionDraft(
        String projectId,
        String commitId,
        String stepName,
        JsonObject step,
        JsonObject parameters,
        List<String> command,
        String image,
        String environment,
        String title,
        Long timeLimitSeconds,
        String copiedFrom,
        String creatorId,
        List<ResolvedInput> inputs) {

    ExecutionDraft {
        command = List.copyOf(command);
        inputs = List.copyOf(inputs);
    }

    Execution toExecution(int counter, long now) {
        return new Execution(Ids.newId(), projectId, counter, commitId, stepName, step, parameters,
                command, image, environment, title, timeLimitSeconds, copiedFrom, creatorId, now);
    }
}
