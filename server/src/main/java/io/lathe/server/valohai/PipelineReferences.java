package io.lathe.server.valohai;

import java.util.Map;
import java.util.Optional;

/**
 * What a pipeline may refer to in its file: steps, task blueprints and endpoints, each by name.
 *
 * @param steps by name
 * @param tasks task blueprints by name
 * @param endpoints by name
 */
record PipelineReferences(Map<String, Step> steps, Map<String, TaskBlueprint> tasks,
        Map<String, Endpoint> endpoints) {

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
