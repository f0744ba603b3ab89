package io.lathe.server.executions;

import io.lathe.server.platform.Ids;
import java.util.List;

/** An execution fully resolved and checked, ready to be recorded. */
record ExecutionDraft(
        String projectId,
        String commitId,
        String stepName,
        String stepJson,
        String parametersJson,
        String commandJson,
        String image,
        String environment,
        String title,
        Long timeLimitSeconds,
        String copiedFrom,
        String creatorId,
        List<ResolvedInput> inputs) {

    ExecutionDraft {
        inputs = List.copyOf(inputs);
    }

    Execution toExecution(int counter, long now) {
        return new Execution(Ids.newId(), projectId, counter, commitId, stepName, stepJson, parametersJson,
                commandJson, image, environment, title, timeLimitSeconds, copiedFrom, creatorId, now);
    }
}
