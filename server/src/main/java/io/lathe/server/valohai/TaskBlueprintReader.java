package io.lathe.server.valohai;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads one top-level {@code task} item, after the steps of the file are known: the step it runs must exist, and
 * its variant parameters must be parameters of that step. Keys are those of valohai-yaml's task schema; the older
 * underscore spellings ({@code execution_count}) are read too.
 */
final class TaskBlueprintReader {

    static final List<String> KEYS = List.of("name", "step", "type", "description", "parameters", "parameter-sets",
            "execution-count", "execution-batch-size", "maximum-queued-executions", "optimization-target-metric",
            "optimization-target-value", "engine", "on-child-error", "stop-condition", "reuse-children",
            "execution_count", "execution_batch_size", "optimization_target_metric", "optimization_target_value");
    static final List<String> ON_CHILD_ERROR = List.of("continue-and-complete", "continue-and-error",
            "stop-all-and-error");
    private static final List<String> VARIANT_KEYS = List.of("name", "style", "rules");
    private static final List<String> STYLES = List.of("single", "multiple", "linear", "logspace", "random");

    private final Problems problems;
    private final YamlValues values;
    private final Map<String, Step> steps;
    private final Set<String> declaredSteps;

    /**
     * @param steps the steps read without errors, by name
     * @param declaredSteps the names of every step item, with errors or without
     */
    TaskBlueprintReader(Problems problems, YamlValues values, Map<String, Step> steps, Set<String> declaredSteps) {
        this.problems = problems;
        this.values = values;
        this.steps = steps;
        this.declaredSteps = declaredSteps;
    }

    /** The blueprint, or empty when it has errors (which are reported). */
    Optional<TaskBlueprint> read(Node value, Node key) {
        Optional<YamlMapping> read = YamlMapping.ofNamed(value, key, "task", " with name, step and parameters",
                problems, values);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        YamlMapping task = read.get();
        int errorsBefore = problems.errorCount();
        Map<String, Object> data = task.plainMap();
        if (problems.errorCount() > errorsBefore) {
            return Optional.empty();
        }
        task.allowOnly(KEYS);
        Optional<String> name = task.requiredText("name");
        Optional<String> stepName = task.requiredText("step");
        Optional<Step> step = stepName.flatMap(written -> Optional.ofNullable(steps.get(written)));
        if (stepName.isPresent() && !declaredSteps.contains(stepName.get())) {
            problems.error(task.value("step"), task.where() + ": there is no step '" + stepName.get()
                    + "' in this file" + StepNames.suggestion(steps.keySet()));
        }
        String type = type(task);
        if (!task.has("parameters") && !task.has("parameter-sets")) {
            problems.error(task.node(), task.where() + ": give parameters (the values to search) or parameter-sets"
                    + " (the combinations to run)");
        }
        List<String> parameterNames = parameters(task, step);
        task.list("parameter-sets");
        for (String count : List.of("execution-count", "execution-batch-size", "maximum-queued-executions")) {
            task.number(count);
        }
        task.oneOf("on-child-error", ON_CHILD_ERROR);
        task.bool("reuse-children");
        Optional<String> stopConditionText = task.text("stop-condition");
        Optional<Expression> stopCondition = task.condition("stop-condition");
        if (problems.errorCount() > errorsBefore || name.isEmpty() || stepName.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TaskBlueprint(name.get(), stepName.get(), type, parameterNames, stopCondition,
                stopConditionText, data));
    }

    private String type(YamlMapping task) {
        Optional<String> written = task.text("type");
        if (written.isEmpty()) {
            return "grid_search";
        }
        String type = written.get().toLowerCase(Locale.ROOT).replace('-', '_');
        if (!TaskBlueprint.TYPES.contains(type)) {
            problems.error(task.value("type"), task.where() + ": type must be one of "
                    + String.join(", ", TaskBlueprint.TYPES) + " (got '" + written.get() + "')");
        }
        return type;
    }

    private List<String> parameters(YamlMapping task, Optional<Step> step) {
        List<String> names = new ArrayList<>();
        for (Node item : task.list("parameters").orElse(List.of())) {
            Optional<YamlMapping> read = YamlMapping.ofNamed(item, null, task.where() + ", parameter",
                    " with name, style and rules", problems, values);
            if (read.isEmpty()) {
                continue;
            }
            YamlMapping parameter = read.get();
            parameter.allowOnly(VARIANT_KEYS);
            Optional<String> name = parameter.requiredText("name");
            parameter.oneOf("style", STYLES);
            if (parameter.has("rules") && !(parameter.value("rules") instanceof org.yaml.snakeyaml.nodes.MappingNode)
                    && !YamlValues.isNull(parameter.value("rules"))) {
                problems.error(parameter.value("rules"), parameter.where() + ": rules must be a mapping (got "
                        + values.describe(parameter.value("rules")) + ")");
            }
            if (name.isPresent() && step.isPresent() && step.get().parameter(name.get()).isEmpty()) {
                problems.error(parameter.value("name"), parameter.where() + ": step '" + step.get().name()
                        + "' has no parameter '" + name.get() + "'");
            }
            name.ifPresent(names::add);
        }
        return names;
    }
}
