package io.lathe.server.valohai;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A node of a pipeline.
 *
 * @param name unique in its pipeline
 * @param type what the node runs
 * @param step the step an execution node, or a task node without a blueprint, runs
 * @param task the task blueprint a task node runs instead of a step
 * @param deployment the deployment a deployment node creates a version of
 * @param commit the commit to take the step from instead of the pipeline's (its step is then not checked)
 * @param override what the node changes of its step
 * @param onError what happens to the pipeline when the node fails
 * @param edgeMergeMode whether values arriving by edges replace the node's own or are added to them
 * @param actions in file order
 * @param endpoints a deployment node's endpoints
 * @param aliases a deployment node's version aliases
 * @param reuseExecutions the node's own {@code reuse-executions} (a Lathe addition to valohai-yaml's node keys);
 *     empty to follow the pipeline's
 */
public record PipelineNode(
        String name,
        Type type,
        Optional<String> step,
        Optional<String> task,
        Optional<String> deployment,
        Optional<String> commit,
        NodeOverride override,
        OnError onError,
        EdgeMergeMode edgeMergeMode,
        List<NodeAction> actions,
        List<String> endpoints,
        List<String> aliases,
        Optional<Boolean> reuseExecutions) {

    public PipelineNode {
        requireNonNull(name, "name");
        requireNonNull(type, "type");
        requireNonNull(step, "step");
        requireNonNull(task, "task");
        requireNonNull(deployment, "deployment");
        requireNonNull(commit, "commit");
        requireNonNull(override, "override");
        requireNonNull(onError, "onError");
        requireNonNull(edgeMergeMode, "edgeMergeMode");
        actions = List.copyOf(actions);
        endpoints = List.copyOf(endpoints);
        aliases = List.copyOf(aliases);
        requireNonNull(reuseExecutions, "reuseExecutions");
    }

    /** Whether the node may reuse an earlier identical execution: its own setting, else the pipeline's. */
    public boolean reusesExecutions(Pipeline pipeline) {
        return reuseExecutions.orElse(pipeline.reuseExecutions());
    }

    /** The kinds of node. */
    public enum Type {
        EXECUTION, TASK, DEPLOYMENT;

        /** The name used in {@code valohai.yaml}. */
        public String yamlName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** {@code on-error}: what a failed node does to the rest of the pipeline; {@code stop-all} by default. */
    public enum OnError {
        STOP_ALL, STOP_NEXT, CONTINUE, RETRY;

        public String yamlName() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** {@code edge-merge-mode}; {@code replace} by default. */
    public enum EdgeMergeMode {
        REPLACE, APPEND;

        public String yamlName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
