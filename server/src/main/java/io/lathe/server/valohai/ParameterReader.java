package io.lathe.server.valohai;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a step's {@code parameters}. Shape errors are errors; what valohai-yaml's linter only warns about (a default
 * that is not of the parameter's type, {@code optional} on a flag, {@code pass-true-as} on a non-flag) is a warning.
 */
final class ParameterReader {

    static final List<String> KEYS = List.of("name", "type", "default", "optional", "min", "max", "choices",
            "multiple", "multiple-separator", "pass-as", "pass-true-as", "pass-false-as", "description", "category",
            "widget");
    private static final List<String> TYPES = List.of("string", "integer", "float", "flag");
    private static final List<String> MULTIPLE_MODES = List.of("none", "repeat", "separate");

    private final Problems problems;
    private final YamlValues values;

    ParameterReader(Problems problems, YamlValues values) {
        this.problems = problems;
        this.values = values;
    }

    /** The parameters in file order; a repeated name is a warning, and the later one replaces the earlier. */
    List<Parameter> readAll(YamlMapping step) {
        Map<String, Parameter> parameters = new LinkedHashMap<>();
        for (Node item : step.list("parameters").orElse(List.of())) {
            YamlMapping.ofNamed(item, null, step.where() + ", parameter", " with at least a name", problems, values)
                    .flatMap(this::read)
                    .ifPresent(parameter -> {
                        if (parameters.containsKey(parameter.name())) {
                            problems.warning(item, step.where() + ": parameter '" + parameter.name()
                                    + "' is declared more than once; the last declaration is used");
                        }
                        parameters.put(parameter.name(), parameter);
                    });
        }
        return new ArrayList<>(parameters.values());
    }

    private Optional<Parameter> read(YamlMapping item) {
        int errorsBefore = problems.errorCount();
        Optional<String> name = item.requiredText("name");
        item.allowOnly(KEYS);
        ParameterType type = item.oneOf("type", TYPES).flatMap(ParameterType::fromYaml).orElse(ParameterType.STRING);
        MultipleMode multiple = item.oneOf("multiple", MULTIPLE_MODES).flatMap(MultipleMode::fromYaml)
                .orElse(MultipleMode.NONE);
        if (type == ParameterType.FLAG && multiple != MultipleMode.NONE) {
            problems.error(item.value("multiple"), item.where() + ": a flag cannot be multiple; remove 'multiple'"
                    + " or change the type");
        }
        Optional<Boolean> optional = item.bool("optional");
        Optional<Number> min = item.number("min");
        Optional<Number> max = item.number("max");
        List<Object> choices = choices(item, type);
        Optional<Object> defaultValue = defaultValue(item, type);
        Optional<String> passAs = passPattern(item, "pass-as");
        Optional<String> passTrueAs = passPattern(item, "pass-true-as");
        Optional<String> passFalseAs = passPattern(item, "pass-false-as");
        String separator = item.text("multiple-separator").filter(text -> !text.isEmpty()).orElse(",");
        Optional<String> description = item.text("description");
        Optional<String> category = item.text("category");
        Optional<Object> widget = widget(item);
        if (name.isEmpty() || problems.errorCount() > errorsBefore) {
            return Optional.empty();
        }
        warnAboutIneffectiveKeys(item, type);
        Parameter parameter = new Parameter(name.get(), type, defaultValue, optional.orElse(false), min, max, choices,
                multiple, separator, passAs, passTrueAs, passFalseAs, description, category, widget);
        warnAboutDefault(item, parameter);
        return Optional.of(parameter);
    }

    /**
     * A scalar of a string parameter is kept as written ({@code default: yes} is "yes", {@code 0.10} is "0.10"),
     * since that is what the author means; other types get the YAML value, which {@link ParameterValues} casts.
     */
    private Object scalarValue(YamlMapping item, ScalarNode scalar, ParameterType type) {
        return type == ParameterType.STRING && !YamlValues.isNull(scalar) ? scalar.getValue()
                : values.storable(scalar, item.where());
    }

    private Optional<Object> defaultValue(YamlMapping item, ParameterType type) {
        Node value = item.value("default");
        if (value == null || YamlValues.isNull(value)) {
            return Optional.empty();
        }
        if (value instanceof ScalarNode scalar) {
            return Optional.of(scalarValue(item, scalar, type));
        }
        if (value instanceof SequenceNode sequence) {
            List<Object> list = new ArrayList<>();
            for (Node element : sequence.getValue()) {
                if (element instanceof ScalarNode scalar && !YamlValues.isNull(scalar)) {
                    list.add(scalarValue(item, scalar, type));
                } else {
                    problems.error(element, item.where() + ": every default value must be a single value (got "
                            + values.describe(element) + ")");
                }
            }
            return Optional.of(list);
        }
        problems.error(value, item.where() + ": default must be a value or a list of values (got a mapping)");
        return Optional.empty();
    }

    private List<Object> choices(YamlMapping item, ParameterType type) {
        List<Object> choices = new ArrayList<>();
        for (Node element : item.list("choices").orElse(List.of())) {
            if (element instanceof ScalarNode scalar && !YamlValues.isNull(scalar)) {
                choices.add(scalarValue(item, scalar, type));
            } else {
                problems.error(element, item.where() + ": every choice must be a single value (got "
                        + values.describe(element) + ")");
            }
        }
        return choices;
    }

    /** A pass-as pattern; one that cannot be formatted is a warning, as it breaks only commands that use it. */
    private Optional<String> passPattern(YamlMapping item, String key) {
        Optional<String> pattern = item.text(key);
        pattern.flatMap(PassAsTemplate::problem).ifPresent(problem ->
                problems.warning(item.value(key), item.where() + ": " + key + " " + problem));
        return pattern;
    }

    private Optional<Object> widget(YamlMapping item) {
        Node value = item.value("widget");
        if (value == null || YamlValues.isNull(value)) {
            return Optional.empty();
        }
        if (YamlValues.isText(value)) {
            return Optional.of(((ScalarNode) value).getValue());
        }
        return YamlMapping.of(value, null, item.where() + ", widget", " or text such as 'sql'", problems, values)
                .flatMap(widget -> {
                    widget.requiredText("type");
                    if (widget.has("settings") && !YamlValues.isNull(widget.value("settings"))) {
                        YamlMapping.of(widget.value("settings"), null, widget.where() + ", settings", "", problems,
                                values);
                    }
                    return Optional.of(widget.plainMap());
                });
    }

    private void warnAboutIneffectiveKeys(YamlMapping item, ParameterType type) {
        if (type == ParameterType.FLAG) {
            warnIfPresent(item, "optional", "has no effect on a flag; flags are always optional");
            warnIfPresent(item, "choices", "has no effect on a flag");
            if (item.has("pass-as") && (item.has("pass-true-as") || item.has("pass-false-as"))) {
                warnIfPresent(item, "pass-as", "has no effect when pass-true-as or pass-false-as is set");
            }
        } else {
            warnIfPresent(item, "pass-true-as", "has no effect on a " + type.yamlName() + " parameter, only on flags");
            warnIfPresent(item, "pass-false-as", "has no effect on a " + type.yamlName() + " parameter, only on flags");
        }
    }

    private void warnIfPresent(YamlMapping item, String key, String problem) {
        if (item.has(key)) {
            problems.warning(item.keyNode(key), item.where() + ": " + key + " " + problem);
        }
    }

    /** valohai-yaml lints defaults the way values are validated; a bad default only fails when it is used. */
    private void warnAboutDefault(YamlMapping item, Parameter parameter) {
        Optional<Object> defaultValue = parameter.defaultValue();
        if (defaultValue.isEmpty()) {
            return;
        }
        Node at = item.value("default");
        if (!parameter.isMultiple() && defaultValue.get() instanceof List) {
            problems.warning(at, item.where() + ": default is a list, but the parameter takes one value;"
                    + " set 'multiple: repeat' or 'multiple: separate'");
            return;
        }
        List<?> atoms = defaultValue.get() instanceof List<?> list ? list : List.of(defaultValue.get());
        for (Object atom : atoms) {
            try {
                ParameterValues.convertAtom(parameter, atom);
            } catch (InvalidValueException e) {
                problems.warning(at, item.where() + ": default " + e.problem());
                return;
            }
        }
    }
}
