package io.lathe.server.valohai;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A checked {@code pipeline} (or {@code blueprint}) item: node names are unique, every edge and parameter target
 * names a node of the pipeline, and the steps, task blueprints and endpoints nodes refer to exist in the same file.
 *
 * @param name the pipeline's name
 * @param nodes in file order
 * @param edges in file order
 * @param parameters in file order
 * @param reuseExecutions whether nodes may reuse an earlier identical execution
 * @param data the item as written, as plain JSON-ready data
 */
public record Pipeline(String name, List<PipelineNode> nodes, List<PipelineEdge> edges,
        List<PipelineParameter> parameters, boolean reuseExecutions, Map<String, Object> data) {

    public Pipeline {
        requireNonNull(name, "name");
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
        parameters = List.copyOf(parameters);
        data = Plain.freezeMap(requireNonNull(data, "data"));
    }

    /** The node called {@code nodeName}, if there is one. */
    public Optional<PipelineNode> node(String nodeName) {
        return nodes.stream().filter(node -> node.name().equals(nodeName)).findFirst();
    }
}
