package io.lathe.server.valohai;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A checked top-level {@code task} item: a hyperparameter search over a step of the same file.
 *
 * @param name the blueprint's name
 * @param step the step it runs; it exists in the file
 * @param type {@code grid_search} (the default), {@code random_search}, {@code bayesian_tpe}, {@code manual_search}
 *     or {@code distributed}, normalised to lower case with underscores
 * @param parameterNames the names of its variant parameters, each a parameter of the step
 * @param stopCondition stops the task when it holds, with the text as written
 * @param stopConditionText {@code stop-condition} as written
 * @param data the item as written, as plain JSON-ready data
 */
public record TaskBlueprint(String name, String step, String type, List<String> parameterNames,
        Optional<Expression> stopCondition, Optional<String> stopConditionText, Map<String, Object> data) {

    /** The task types of valohai-yaml. */
    public static final List<String> TYPES = List.of("grid_search", "random_search", "bayesian_tpe",
            "manual_search", "distributed");

    public TaskBlueprint {
        requireNonNull(name, "name");
        requireNonNull(step, "step");
        requireNonNull(type, "type");
        parameterNames = List.copyOf(parameterNames);
        requireNonNull(stopCondition, "stopCondition");
        requireNonNull(stopConditionText, "stopConditionText");
        data = Plain.freezeMap(requireNonNull(data, "data"));
    }
}
