package io.lathe.server.valohai;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads a pipeline node's {@code override}: only the step keys valohai-yaml lets a node override, and, when the
 * node's step is in the file, only parameters and inputs that step has (valohai-yaml's linter makes the others an
 * error, as they would be silently ignored).
 */
final class NodeOverrideReader {

    private final Problems problems;
    private final YamlValues values;

    NodeOverrideReader(Problems problems, YamlValues values) {
        this.problems = problems;
        this.values = values;
    }

    /**
     * @param node the node holding {@code override}
     * @param step the node's step when it can be checked
     */
    NodeOverride read(YamlMapping node, Optional<Step> step) {
        Optional<YamlMapping> read = YamlMapping.of(node.value("override"), node.keyNode("override"),
                node.where() + ", override", " of step keys such as parameters or inputs", problems, values);
        if (read.isEmpty()) {
            return NodeOverride.none();
        }
        YamlMapping override = read.get();
        override.allowOnly(NodeOverride.KEYS);
        Optional<List<String>> command = override.has("command") && !YamlValues.isNull(override.value("command"))
                ? Optional.of(override.textOrTexts("command").stream().map(ScalarNode::getValue).toList())
                : Optional.empty();
        Map<String, Map<String, Object>> parameters = named(override, "parameters",
                step.map(known -> (Predicate<String>) name -> known.parameter(name).isPresent()));
        Map<String, Map<String, Object>> inputs = named(override, "inputs",
                step.map(known -> (Predicate<String>) name -> known.input(name).isPresent()));
        Map<String, Map<String, Object>> variables = named(override, "environment-variables", Optional.empty());
        Optional<List<Object>> mounts = override.list("mounts")
                .map(items -> items.stream().map(item -> values.plain(item, override.where() + ", mounts")).toList());
        return new NodeOverride(override.text("image"), command, override.text("environment"),
                override.text("runtime-config-preset"), parameters, inputs, variables, mounts,
                override.bool("autorestart"));
    }

    /**
     * A list of mappings each with a name, by name.
     *
     * @param exists whether the step has an item of that name, when the step is known
     */
    private Map<String, Map<String, Object>> named(YamlMapping override, String key,
            Optional<Predicate<String>> exists) {
        String singular = key.substring(0, key.length() - 1);
        Map<String, Map<String, Object>> items = new LinkedHashMap<>();
        for (Node item : override.list(key).orElse(List.of())) {
            Optional<YamlMapping> read = YamlMapping.ofNamed(item, null, override.where() + ", " + singular,
                    " with a name", problems, values);
            if (read.isEmpty()) {
                continue;
            }
            YamlMapping mapping = read.get();
            Optional<String> name = mapping.requiredText("name");
            if (name.isEmpty()) {
                continue;
            }
            if (exists.isPresent() && !exists.get().test(name.get())) {
                problems.error(mapping.value("name"), mapping.where() + ": the node's step has no " + singular
                        + " '" + name.get() + "' to override");
                continue;
            }
            items.put(name.get(), mapping.plainMap());
        }
        return items;
    }
}
