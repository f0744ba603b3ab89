package io.lathe.server.valohai;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads one {@code pipeline} (or {@code blueprint}) item, after the steps, task blueprints and endpoints of the file
 * are known: keys of valohai-yaml's pipeline schema, unique node names, the nodes ({@link PipelineNodeReader}), the
 * edges ({@link PipelineEdgeReader}) and the pipeline parameters with their targets.
 */
final class PipelineReader {

    static final List<String> KEYS = List.of("name", "nodes", "edges", "parameters", "reuse-executions");
    private static final List<String> PARAMETER_KEYS = List.of("name", "target", "targets", "default", "value",
            "description", "category");

    private final Problems problems;
    private final YamlValues values;
    private final PipelineReferences references;

    PipelineReader(Problems problems, YamlValues values, PipelineReferences references) {
        this.problems = problems;
        this.values = values;
        this.references = references;
    }

    /** The pipeline, or empty when it has errors (which are reported). */
    Optional<Pipeline> read(Node value, Node key) {
        Optional<YamlMapping> read = YamlMapping.ofNamed(value, key, "pipeline", " with name, nodes and edges",
                problems, values);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        YamlMapping pipeline = read.get();
        int errorsBefore = problems.errorCount();
        Map<String, Object> data = pipeline.plainMap();
        if (problems.errorCount() > errorsBefore) {
            return Optional.empty();
        }
        pipeline.allowOnly(KEYS);
        Optional<String> name = pipeline.requiredText("name");
        boolean hasNodes = pipeline.require("nodes");
        if (pipeline.require("edges")) {
            pipeline.list("edges");
        }
        Set<String> declared = new LinkedHashSet<>();
        Map<String, PipelineNode> nodes = new LinkedHashMap<>();
        PipelineNodeReader nodeReader = new PipelineNodeReader(problems, values, references);
        for (Node item : hasNodes ? pipeline.list("nodes").orElse(List.of()) : List.<Node>of()) {
            Optional<String> nodeName = YamlMapping.nameOf(item);
            if (nodeName.isPresent() && !declared.add(nodeName.get())) {
                problems.error(item, pipeline.where() + ": another node is already called '" + nodeName.get()
                        + "'; node names must be unique in a pipeline");
            }
            nodeReader.read(item, pipeline.where()).ifPresent(node -> nodes.putIfAbsent(node.name(), node));
        }
        List<PipelineEdge> edges = new PipelineEdgeReader(problems, values, references)
                .readAll(pipeline, declared, nodes);
        List<PipelineParameter> parameters = parameters(pipeline, declared, nodes);
        Optional<Boolean> reuse = pipeline.bool("reuse-executions");
        if (problems.errorCount() > errorsBefore || name.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Pipeline(name.get(), List.copyOf(nodes.values()), edges, parameters,
                reuse.orElse(false), data));
    }

    private List<PipelineParameter> parameters(YamlMapping pipeline, Set<String> declared,
            Map<String, PipelineNode> nodes) {
        List<PipelineParameter> parameters = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (Node item : pipeline.list("parameters").orElse(List.of())) {
            Optional<YamlMapping> read = YamlMapping.ofNamed(item, null, pipeline.where() + ", parameter",
                    " with name and targets", problems, values);
            if (read.isEmpty()) {
                continue;
            }
            YamlMapping parameter = read.get();
            parameter.allowOnly(PARAMETER_KEYS);
            Optional<String> name = parameter.requiredText("name");
            if (name.isPresent() && !names.add(name.get())) {
                problems.error(parameter.value("name"), parameter.where() + ": another pipeline parameter has this"
                        + " name");
            }
            if (parameter.has("target") && parameter.has("targets")) {
                problems.error(parameter.keyNode("targets"), parameter.where() + ": give target or targets, not"
                        + " both");
            }
            if (parameter.has("default") && parameter.has("value")) {
                problems.error(parameter.keyNode("value"), parameter.where() + ": give default or value, not both");
            }
            List<PipelineSocket> targets = new ArrayList<>();
            for (String key : List.of("target", "targets")) {
                for (ScalarNode target : parameter.textOrTexts(key)) {
                    target(parameter, target, declared, nodes).ifPresent(targets::add);
                }
            }
            if (targets.isEmpty() && !parameter.has("target") && !parameter.has("targets")) {
                problems.warning(parameter.node(), parameter.where() + ": it has no targets, so it sets nothing");
            }
            String valueKey = parameter.has("value") ? "value" : "default";
            Optional<Object> defaultValue = Optional.ofNullable(parameter.value(valueKey))
                    .map(node -> values.plain(node, parameter.where() + ", " + valueKey));
            if (name.isPresent()) {
                parameters.add(new PipelineParameter(name.get(), defaultValue, parameter.text("description"),
                        parameter.text("category"), targets));
            }
        }
        return parameters;
    }

    /** A target is node.parameter.name with a node of the pipeline and, where checkable, a parameter of its step. */
    private Optional<PipelineSocket> target(YamlMapping parameter, ScalarNode written, Set<String> declared,
            Map<String, PipelineNode> nodes) {
        String text = written.getValue();
        Optional<PipelineSocket> socket = PipelineSocket.split(text)
                .filter(split -> PipelineSocket.singular(split.kind()).equals("parameter"));
        if (socket.isEmpty()) {
            problems.error(written, parameter.where() + ": target '" + text + "' must be node.parameter.name");
            return Optional.empty();
        }
        PipelineSocket target = new PipelineSocket(socket.get().node(), "parameter", socket.get().key());
        if (!declared.contains(target.node())) {
            problems.error(written, parameter.where() + ": target '" + text + "' names the node '" + target.node()
                    + "', which the pipeline does not have" + StepNames.listing("nodes", declared));
            return Optional.empty();
        }
        PipelineNode node = nodes.get(target.node());
        Optional<Step> step = node == null ? Optional.empty() : references.stepOf(node);
        if (step.isPresent() && step.get().parameter(target.key()).isEmpty()) {
            problems.error(written, parameter.where() + ": target '" + text + "': step '" + step.get().name()
                    + "' of node '" + node.name() + "' has no parameter '" + target.key() + "'");
            return Optional.empty();
        }
        return Optional.of(target);
    }
}
