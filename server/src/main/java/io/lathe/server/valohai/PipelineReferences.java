package io.lathe.server.valohai;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a pipeline may refer to in its file: steps, task blueprints and endpoints, each by name.
 *
 * @param steps by name
 * @param tasks task blueprints by name
 * @param endpoints by name
 * @param declared the names of every step, task and endpoint item, with errors or without, by kind: a reference to
 *     an item with errors is not an error of its own
 */
record PipelineReferences(Map<String, Step> steps, Map<String, TaskBlueprint> tasks,
        Map<String, Endpoint> endpoints, Map<String, Set<String>> declared) {

    /** Whether the file has a {@code kind} item ({@code step}, {@code task}, {@code endpoint}) of that name. */
    boolean declares(String kind, String name) {
        return declared.getOrDefault(kind, Set.of()).contains(name);
    }

    /**
     * The step a node runs, when it can be checked: the node's own or its task blueprint's, unless the node takes
     * it from another commit.
     */
    Optional<Step> stepOf(PipelineNode node) {
        if (node.commit().isPresent()) {
            return Optional.empty();
        }
        Optional<String> stepName = node.step().or(() -> node.task().map(tasks::get).map(TaskBlueprint::step));
        return stepName.map(steps::get);
    }
}
