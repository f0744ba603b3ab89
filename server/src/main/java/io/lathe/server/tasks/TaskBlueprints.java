package io.lathe.server.tasks;

import io.lathe.server.platform.DomainException;
import io.lathe.server.valohai.ValohaiConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code task} item of {@code valohai.yaml} turned into a task request, as Valohai reads it: {@code step},
 * {@code type}, {@code parameters} (a list of {@code {name, style, rules}}), {@code parameter-sets},
 * {@code execution-count}, {@code execution-batch-size} and {@code optimization-target-metric}. What the request gives
 * itself wins.
 */
final class TaskBlueprints {

    private TaskBlueprints() {
    }

    static CreateTask fill(CreateTask request, ValohaiConfig config) {
        Map<String, Object> blueprint = config.task(request.task()).orElseThrow(() -> DomainException.invalid(
                "unknown-task", "the commit's valohai.yaml has no task '" + request.task() + "'", "task"));
        Map<String, Object> parameters = request.parameters();
        if (parameters == null && blueprint.get("parameters") instanceof List<?> variants) {
            parameters = new LinkedHashMap<>();
            for (Object item : variants) {
                if (item instanceof Map<?, ?> variant && variant.get("name") != null) {
                    Map<String, Object> style = new LinkedHashMap<>();
                    style.put("style", variant.get("style"));
                    style.put("rules", variant.get("rules") == null ? Map.of() : variant.get("rules"));
                    parameters.put(variant.get("name").toString(), style);
                }
            }
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> sets = request.parameterSets() != null ? request.parameterSets()
                : blueprint.get("parameter-sets") instanceof List<?> given ? (List<Map<String, Object>>) given : null;
        CreateTask.Objective objective = request.objective();
        if (objective == null && blueprint.get("optimization-target-metric") != null) {
            objective = new CreateTask.Objective(blueprint.get("optimization-target-metric").toString(), null, null);
        }
        return new CreateTask(request.project(), request.commit(),
                request.step() != null ? request.step() : text(blueprint.get("step")),
                request.type() != null ? request.type() : blueprint.get("type") != null
                        // as valohai-yaml reads it: Random-Search is random_search
                        ? config.taskBlueprint(request.task()).orElseThrow().type() : sets != null ? "manual" : null,
                parameters, sets, request.inputs(), request.title() != null ? request.title() : request.task(),
                objective, request.maxExecutions() != null ? request.maxExecutions()
                        : number(blueprint.get("execution-count")),
                request.parallelism() != null ? request.parallelism() : number(blueprint.get("execution-batch-size")),
                request.earlyStopping(), request.seed(), request.optimizer(), request.task());
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static Integer number(Object value) {
        return value instanceof Number number ? number.intValue() : null;
    }
}
