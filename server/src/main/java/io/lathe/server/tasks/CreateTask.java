package io.lathe.server.tasks;

import jakarta.json.bind.annotation.JsonbProperty;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /api/v1/tasks}.
 *
 * @param type {@code grid}, {@code random}, {@code bayesian} (TPE) or {@code manual}; Valohai's names
 *     ({@code grid_search}, {@code random_search}, {@code bayesian_tpe}, {@code manual_search}) are taken too
 * @param parameters the search space: per parameter {@code {style, rules}} in Valohai's variant styles
 * @param parameterSets for {@code manual}: the parameter sets to run, in order
 * @param optimizer the id of an optimizer extension to use instead of the type's own (one a plugin adds); the
 *     type then only says whether the space is enumerated ({@code grid}) or sampled
 * @param task the name of a {@code task} blueprint in the commit's {@code valohai.yaml}: its step, type,
 *     parameters, parameter sets, execution count and batch size, for what the request leaves out
 */
public record CreateTask(
        String project,
        String commit,
        String step,
        String type,
        Map<String, Object> parameters,
        @JsonbProperty("parameter_sets") List<Map<String, Object>> parameterSets,
        Map<String, Object> inputs,
        String title,
        Objective objective,
        @JsonbProperty("max_executions") Integer maxExecutions,
        Integer parallelism,
        @JsonbProperty("early_stopping") EarlyStopping earlyStopping,
        Long seed,
        String optimizer,
        String task) {

    /** What to optimize: a metadata key, {@code minimize} or {@code maximize}, its {@code last} or {@code best}. */
    public record Objective(String metric, String direction, String mode) {
    }

    /**
     * The median stopping rule: a trial whose best objective at a step is worse than the median of the other
     * trials' best at that step is stopped, once it has reported {@code minSteps} points and at least
     * {@code minTrials} others reached that step.
     */
    public record EarlyStopping(String rule, @JsonbProperty("min_steps") Integer minSteps,
            @JsonbProperty("min_trials") Integer minTrials) {
    }
}
