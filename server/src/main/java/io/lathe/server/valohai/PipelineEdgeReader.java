package io.lathe.server.valohai;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a pipeline's {@code edges}, in the shorthand {@code [source, target]} or the full
 * {@code {source, target, configuration}} form, and checks what can be checked in the file: that both nodes exist,
 * that the socket kinds are known and make sense at their end, that targeted inputs and parameters (and source
 * parameters) exist in the node's step, that {@code file} edges end at a deployment node's endpoint, and that the
 * edges form no cycle.
 */
final class PipelineEdgeReader {

    private static final List<String> FULL_KEYS = List.of("source", "target", "configuration");
    /** Nothing can flow into what a node produces. */
    private static final List<String> SOURCE_ONLY_KINDS = List.of("output", "metadata");

    private final Problems problems;
    private final YamlValues values;
    private final PipelineReferences references;

    PipelineEdgeReader(Problems problems, YamlValues values, PipelineReferences references) {
        this.problems = problems;
        this.values = values;
        this.references = references;
    }

    /**
     * @param declared the names of every node of the pipeline, including those with errors
     * @param nodes the nodes read without errors, by name
     */
    List<PipelineEdge> readAll(YamlMapping pipeline, Set<String> declared, Map<String, PipelineNode> nodes) {
        List<PipelineEdge> edges = new ArrayList<>();
        List<Node> at = new ArrayList<>();
        for (Node item : pipeline.list("edges").orElse(List.of())) {
            read(item, pipeline.where() + ", edge", declared, nodes).ifPresent(edge -> {
                edges.add(edge);
                at.add(item);
            });
        }
        checkAcyclic(pipeline, edges, at);
        return edges;
    }

    private Optional<PipelineEdge> read(Node item, String where, Set<String> declared,
            Map<String, PipelineNode> nodes) {
        Node source;
        Node target;
        Map<String, Object> configuration = Map.of();
        if (item instanceof SequenceNode pair) {
            if (pair.getValue().size() != 2) {
                problems.error(item, where + ": the shorthand form is [source, target], two items (got "
                        + pair.getValue().size() + ")");
                return Optional.empty();
            }
            source = pair.getValue().get(0);
            target = pair.getValue().get(1);
        } else if (item instanceof MappingNode) {
            YamlMapping full = YamlMapping.of(item, null, where, "", problems, values).orElseThrow();
            full.allowOnly(FULL_KEYS);
            if (!full.require("source") | !full.require("target")) {
                return Optional.empty();
            }
            source = full.value("source");
            target = full.value("target");
            if (full.has("configuration")) {
                configuration = YamlMapping.of(full.value("configuration"), null, where + ", configuration", "",
                        problems, values).map(YamlMapping::plainMap).orElse(Map.of());
            }
        } else {
            problems.error(item, where + ": an edge is [source, target] or a mapping with source and target (got "
                    + values.describe(item) + ")");
            return Optional.empty();
        }
        Optional<PipelineSocket> from = socket(source, where, "source", declared);
        Optional<PipelineSocket> to = socket(target, where, "target", declared);
        if (from.isEmpty() || to.isEmpty()) {
            return Optional.empty();
        }
        String edgeWhere = where + " " + from.get() + " -> " + to.get();
        boolean valid = checkSource(source, edgeWhere, from.get(), nodes.get(from.get().node()))
                & checkTarget(target, edgeWhere, to.get(), nodes.get(to.get().node()));
        return valid ? Optional.of(new PipelineEdge(from.get(), to.get(), configuration)) : Optional.empty();
    }

    private Optional<PipelineSocket> socket(Node written, String where, String end, Set<String> declared) {
        if (!YamlValues.isText(written)) {
            problems.error(written, where + ": the " + end + " must be text such as train.output.model.pkl (got "
                    + values.describeForText(written) + ")");
            return Optional.empty();
        }
        String text = ((ScalarNode) written).getValue();
        Optional<PipelineSocket> split = PipelineSocket.split(text);
        if (split.isEmpty()) {
            problems.error(written, where + ": " + end + " '" + text + "' must have three parts, node.kind.key,"
                    + " such as train.output.model.pkl");
            return Optional.empty();
        }
        PipelineSocket socket = split.get();
        String kind = PipelineSocket.singular(socket.kind());
        if (!kind.equals(socket.kind())) {
            problems.warning(written, where + ": " + end + " '" + text + "' says '" + socket.kind() + "'; it is read"
                    + " as '" + kind + "', the spelling valohai-yaml knows");
        }
        boolean valid = true;
        if (!PipelineSocket.KINDS.contains(kind)) {
            problems.error(written, where + ": " + end + " '" + text + "' has the kind '" + socket.kind()
                    + "'; the kinds are " + String.join(", ", PipelineSocket.KINDS));
            valid = false;
        }
        if (!declared.contains(socket.node())) {
            problems.error(written, where + ": " + end + " '" + text + "' names the node '" + socket.node()
                    + "', which the pipeline does not have" + StepNames.listing("nodes", declared));
            valid = false;
        }
        return valid ? Optional.of(new PipelineSocket(socket.node(), kind, socket.key())) : Optional.empty();
    }

    private boolean checkSource(Node at, String where, PipelineSocket source, PipelineNode node) {
        if (source.kind().equals("file")) {
            problems.error(at, where + ": an edge cannot start at a file; files are delivered to deployments");
            return false;
        }
        if (source.kind().equals("parameter") && node != null) {
            return checkStepHas(at, where, node, "parameter", source.key());
        }
        return true;
    }

    private boolean checkTarget(Node at, String where, PipelineSocket target, PipelineNode node) {
        if (SOURCE_ONLY_KINDS.contains(target.kind())) {
            problems.error(at, where + ": an edge cannot end at " + (target.kind().equals("output") ? "an " : "")
                    + target.kind() + "; it ends at an input, a parameter, a file or a dependency");
            return false;
        }
        if (node == null) {
            return true;
        }
        return switch (target.kind()) {
            case "input", "parameter" -> checkStepHas(at, where, node, target.kind(), target.key());
            case "file" -> checkFile(at, where, target, node);
            default -> true;
        };
    }

    private boolean checkStepHas(Node at, String where, PipelineNode node, String kind, String name) {
        Optional<Step> step = references.stepOf(node);
        if (step.isEmpty()) {
            return true;
        }
        boolean has = kind.equals("input") ? step.get().input(name).isPresent()
                : step.get().parameter(name).isPresent();
        if (!has) {
            problems.error(at, where + ": step '" + step.get().name() + "' of node '" + node.name() + "' has no "
                    + kind + " '" + name + "'");
        }
        return has;
    }

    private boolean checkFile(Node at, String where, PipelineSocket target, PipelineNode node) {
        if (node.type() != PipelineNode.Type.DEPLOYMENT) {
            problems.error(at, where + ": only a deployment node takes files; '" + node.name() + "' is an "
                    + node.type().yamlName() + " node");
            return false;
        }
        String[] parts = target.key().split("\\.", 2);
        Endpoint endpoint = references.endpoints().get(parts[0]);
        if (parts.length != 2 || endpoint == null) {
            problems.error(at, where + ": a file target is node.file.<endpoint>.<file> with an endpoint of this"
                    + " file" + StepNames.listing("endpoints", references.endpoints().keySet()));
            return false;
        }
        if (endpoint.file(parts[1]).isEmpty()) {
            problems.warning(at, where + ": endpoint '" + endpoint.name() + "' declares no file '" + parts[1]
                    + "' under files:");
        }
        return true;
    }

    /** A pipeline runs a node after those it takes from: an edge on a cycle is an error. */
    private void checkAcyclic(YamlMapping pipeline, List<PipelineEdge> edges, List<Node> at) {
        EdgeCycles.lastOnACycle(edges).ifPresent(i -> {
            PipelineEdge edge = edges.get(i);
            problems.error(at.get(i), pipeline.where() + ", edge " + edge.source() + " -> " + edge.target()
                    + ": the edges form a cycle, as node '" + edge.target().node() + "' already leads to node '"
                    + edge.source().node() + "'; a pipeline runs each node after the nodes it takes from, so"
                    + " it cannot loop");
        });
    }
}
