package io.lathe.server.valohai;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Reads a step's {@code inputs}. */
final class InputReader {

    static final List<String> KEYS = List.of("name", "default", "optional", "description", "filename",
            "keep-directories", "download", "edge-merge-mode", "override-mode");
    static final int MAX_NAME_LENGTH = 64;
    private static final List<String> MERGE_MODES = List.of("replace", "append");

    private final Problems problems;
    private final YamlValues values;

    InputReader(Problems problems, YamlValues values) {
        this.problems = problems;
        this.values = values;
    }

    /** The inputs in file order; a repeated name is a warning, and the later one replaces the earlier. */
    List<Input> readAll(YamlMapping step) {
        Map<String, Input> inputs = new LinkedHashMap<>();
        for (Node item : step.list("inputs").orElse(List.of())) {
            YamlMapping.ofNamed(item, null, step.where() + ", input", " with at least a name", problems, values)
                    .flatMap(this::read)
                    .ifPresent(input -> {
                        if (inputs.containsKey(input.name())) {
                            problems.warning(item, step.where() + ": input '" + input.name()
                                    + "' is declared more than once; the last declaration is used");
                        }
                        inputs.put(input.name(), input);
                    });
        }
        return new ArrayList<>(inputs.values());
    }

    private Optional<Input> read(YamlMapping item) {
        int errorsBefore = problems.errorCount();
        Optional<String> name = item.requiredText("name");
        int nameLength = name.map(text -> text.codePointCount(0, text.length())).orElse(0);
        if (nameLength > MAX_NAME_LENGTH) {
            problems.error(item.value("name"), item.where() + ": the name is " + nameLength
                    + " characters long; the limit is " + MAX_NAME_LENGTH);
        }
        item.allowOnly(KEYS);
        List<String> defaults = defaults(item);
        boolean optional = item.bool("optional").orElse(false);
        Optional<String> description = item.text("description");
        Optional<String> filename = item.text("filename");
        Input.KeepDirectories keepDirectories = keepDirectories(item);
        Input.Download download = item.oneOf("download", List.of("always", "on-demand"))
                .map(text -> text.equals("always") ? Input.Download.ALWAYS : Input.Download.ON_DEMAND)
                .orElse(Input.Download.ALWAYS);
        Optional<String> edgeMergeMode = item.oneOf("edge-merge-mode", MERGE_MODES);
        Optional<String> overrideMode = item.oneOf("override-mode", MERGE_MODES);
        if (name.isEmpty() || problems.errorCount() > errorsBefore) {
            return Optional.empty();
        }
        return Optional.of(new Input(name.get(), defaults, optional, description, filename, keepDirectories, download,
                edgeMergeMode, overrideMode));
    }

    /** {@code default}: one URI or a list of them. */
    private List<String> defaults(YamlMapping item) {
        Node value = item.value("default");
        if (value == null || YamlValues.isNull(value)) {
            return List.of();
        }
        if (YamlValues.isText(value)) {
            return List.of(((ScalarNode) value).getValue());
        }
        if (value instanceof SequenceNode) {
            return item.textList("default");
        }
        problems.error(value, item.where() + ": default must be a URI or a list of URIs (got "
                + values.describeForText(value) + ")");
        return List.of();
    }

    /** {@code keep-directories}: a boolean (false is none, true is full) or none, full, suffix. */
    private Input.KeepDirectories keepDirectories(YamlMapping item) {
        Node value = item.value("keep-directories");
        if (value == null || YamlValues.isNull(value)) {
            return Input.KeepDirectories.NONE;
        }
        if (value instanceof ScalarNode scalar) {
            if (Tag.BOOL.equals(scalar.getTag())) {
                return Boolean.TRUE.equals(values.scalar(scalar)) ? Input.KeepDirectories.FULL
                        : Input.KeepDirectories.NONE;
            }
            switch (scalar.getValue()) {
                case "none":
                    return Input.KeepDirectories.NONE;
                case "full":
                    return Input.KeepDirectories.FULL;
                case "suffix":
                    return Input.KeepDirectories.SUFFIX;
                default:
                    break;
            }
        }
        problems.error(value, item.where() + ": keep-directories must be true, false, none, full or suffix (got "
                + values.describe(value) + ")");
        return Input.KeepDirectories.NONE;
    }
}
