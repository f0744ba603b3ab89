package io.lathe.server.valohai;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads one node of a pipeline: its type and the keys that type allows (valohai-yaml's execution, task and
 * deployment node schemas), the step, task blueprint or endpoints it refers to, its {@code override} and its
 * {@code actions}.
 */
final class PipelineNodeReader {

    private static final List<String> EXECUTION_KEYS = List.of("type", "name", "step", "override", "actions",
            "on-error", "commit", "edge-merge-mode", "reuse-executions");
    private static final List<String> TASK_KEYS = List.of("type", "name", "step", "task", "override", "actions",
            "on-error", "commit", "edge-merge-mode", "reuse-executions");
    private static final List<String> DEPLOYMENT_KEYS = List.of("type", "name", "deployment", "endpoints",
            "aliases", "actions", "on-error");
    private static final List<String> TYPES = List.of("execution", "task", "deployment");
    private static final List<String> ON_ERROR = List.of("stop-all", "stop-next", "continue", "retry");
    private static final List<String> DEPLOYMENT_ON_ERROR = List.of("stop-all", "stop-next", "continue");
    private static final List<String> MERGE_MODES = List.of("replace", "append");
    private static final List<String> ACTION_KEYS = List.of("when", "if", "then");

    private final Problems problems;
    private final YamlValues values;
    private final PipelineReferences references;

    PipelineNodeReader(Problems problems, YamlValues values, PipelineReferences references) {
        this.problems = problems;
        this.values = values;
        this.references = references;
    }

    /** The node, or empty when it has errors (which are reported). */
    Optional<PipelineNode> read(Node item, String pipelineWhere) {
        Optional<YamlMapping> read = YamlMapping.ofNamed(item, null, pipelineWhere + ", node",
                " with name, type and step", problems, values);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        YamlMapping node = read.get();
        int errorsBefore = problems.errorCount();
        Optional<String> name = node.requiredText("name");
        Optional<String> typeName = node.require("type") ? node.oneOf("type", TYPES) : Optional.empty();
        if (typeName.isEmpty()) {
            return Optional.empty();
        }
        PipelineNode.Type type = PipelineNode.Type.valueOf(typeName.get().toUpperCase(Locale.ROOT));
        node.allowOnly(switch (type) {
            case EXECUTION -> EXECUTION_KEYS;
            case TASK -> TASK_KEYS;
            case DEPLOYMENT -> DEPLOYMENT_KEYS;
        });
        Optional<String> commit = node.text("commit");
        Optional<String> step = Optional.empty();
        Optional<String> task = Optional.empty();
        Optional<String> deployment = Optional.empty();
        List<String> endpoints = List.of();
        switch (type) {
            case EXECUTION -> step = node.requiredText("step");
            case TASK -> {
                if (node.has("step") == node.has("task")) {
                    problems.error(node.has("task") ? node.keyNode("task") : node.node(), node.where()
                            + ": a task node needs exactly one of step (a step to search over) and task (a task"
                            + " blueprint's name)");
                }
                step = node.text("step");
                task = node.text("task");
            }
            default -> {
                deployment = node.requiredText("deployment");
                endpoints = endpoints(node);
            }
        }
        checkReferences(node, step, task, commit);
        Optional<String> onError = node.oneOf("on-error",
                type == PipelineNode.Type.DEPLOYMENT ? DEPLOYMENT_ON_ERROR : ON_ERROR);
        Optional<String> mergeMode = node.oneOf("edge-merge-mode", MERGE_MODES);
        Optional<Step> checkable = checkableStep(step, task, commit);
        NodeOverride override = node.has("override")
                ? new NodeOverrideReader(problems, values).read(node, checkable) : NodeOverride.none();
        List<NodeAction> actions = actions(node);
        List<String> aliases = node.textList("aliases");
        Optional<Boolean> reuseExecutions = node.bool("reuse-executions");
        if (problems.errorCount() > errorsBefore || name.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PipelineNode(name.get(), type, step, task, deployment, commit, override,
                onError.map(this::onError).orElse(PipelineNode.OnError.STOP_ALL),
                mergeMode.map(mode -> PipelineNode.EdgeMergeMode.valueOf(mode.toUpperCase(Locale.ROOT)))
                        .orElse(PipelineNode.EdgeMergeMode.REPLACE),
                actions, endpoints, aliases, reuseExecutions));
    }

    /** The node's step, or its blueprint's, unless it comes from another commit. */
    private Optional<Step> checkableStep(Optional<String> step, Optional<String> task, Optional<String> commit) {
        if (commit.isPresent()) {
            return Optional.empty();
        }
        return step.or(() -> task.map(references.tasks()::get).map(TaskBlueprint::step))
                .map(references.steps()::get);
    }

    private PipelineNode.OnError onError(String written) {
        return PipelineNode.OnError.valueOf(written.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /** A step from another commit cannot be checked here; one of this commit must exist. */
    private void checkReferences(YamlMapping node, Optional<String> step, Optional<String> task,
            Optional<String> commit) {
        if (step.isPresent() && commit.isEmpty() && !references.declares("step", step.get())) {
            problems.error(node.value("step"), node.where() + ": there is no step '" + step.get()
                    + "' in this file" + StepNames.suggestion(references.steps().keySet()));
        }
        if (task.isPresent() && !references.declares("task", task.get())) {
            problems.error(node.value("task"), node.where() + ": there is no task '" + task.get()
                    + "' in this file" + StepNames.listing("tasks", references.tasks().keySet()));
        }
    }

    private List<String> endpoints(YamlMapping node) {
        List<String> endpoints = node.textList("endpoints");
        for (Node item : node.list("endpoints").orElse(List.of())) {
            if (YamlValues.isText(item) && !references.declares("endpoint", ((ScalarNode) item).getValue())) {
                problems.error(item, node.where() + ": there is no endpoint '" + ((ScalarNode) item).getValue()
                        + "' in this file" + StepNames.listing("endpoints", references.endpoints().keySet()));
            }
        }
        return endpoints;
    }

    private List<NodeAction> actions(YamlMapping node) {
        List<NodeAction> actions = new ArrayList<>();
        for (Node item : node.list("actions").orElse(List.of())) {
            Optional<YamlMapping> read = YamlMapping.of(item, null, node.where() + ", action", " with when and then",
                    problems, values);
            if (read.isEmpty()) {
                continue;
            }
            YamlMapping action = read.get();
            action.allowOnly(ACTION_KEYS);
            List<String> when = known(action, "when", NodeAction.KNOWN_WHENS, "the action might never happen");
            List<String> then = known(action, "then", NodeAction.KNOWN_THENS, "the action might do nothing");
            List<Expression> conditions = new ArrayList<>();
            List<String> conditionTexts = new ArrayList<>();
            for (ScalarNode condition : action.textOrTexts("if")) {
                action.condition(condition, "if", condition.getValue()).ifPresent(parsed -> {
                    conditions.add(parsed);
                    conditionTexts.add(condition.getValue());
                });
            }
            actions.add(new NodeAction(when, conditions, conditionTexts, then));
        }
        return actions;
    }

    /** valohai-yaml only warns about values it does not know, and so does Lathe. */
    private List<String> known(YamlMapping action, String key, List<String> known, String consequence) {
        if (!action.require(key)) {
            return List.of();
        }
        Map<String, Node> texts = new LinkedHashMap<>();
        for (ScalarNode text : action.textOrTexts(key)) {
            texts.put(text.getValue().toLowerCase(Locale.ROOT), text);
        }
        texts.forEach((text, at) -> {
            if (!known.contains(text)) {
                problems.warning(at, action.where() + ": " + key + " '" + text + "' is not one Lathe knows ("
                        + String.join(", ", known) + "); " + consequence);
            }
        });
        return List.copyOf(texts.keySet());
    }
}
