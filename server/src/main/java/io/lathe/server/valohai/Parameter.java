package io.lathe.server.valohai;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A step parameter as {@code valohai.yaml} declares it. Values are kept as YAML gave them (a float parameter's
 * {@code default: 1e-4} stays the text {@code "1e-4"}, as in PyYAML); {@link ParameterValues} casts them.
 *
 * @param name unique within the step
 * @param type {@code string} unless declared
 * @param defaultValue the default; for a multiple parameter always a list. For a string parameter a scalar default is
 *     the text as written, so {@code default: yes} is {@code "yes"} and not a boolean
 * @param optional whether the parameter may be left without a value; always true for flags
 * @param min smallest allowed value of a numeric parameter
 * @param max largest allowed value of a numeric parameter
 * @param choices the only values allowed; empty when any value is (always empty for flags)
 * @param multiple whether several values are taken, and how they are passed; never multiple for flags
 * @param multipleSeparator joins the values of a {@link MultipleMode#SEPARATE} parameter; {@code ,} by default
 * @param passAs the command-line pattern, e.g. {@code --lr {v}}; empty for the default {@code --{name}={value}}
 *     ({@code --{name}} for flags)
 * @param passTrueAs for flags: the pattern when true; setting it or {@code passFalseAs} disables {@code passAs}
 * @param passFalseAs for flags: the pattern when false; without it a false flag passes nothing
 * @param description help text
 * @param category free-form grouping in the console
 * @param widget console widget hint: text such as {@code sql}, or a mapping {@code {type, settings}}
 */
public record Parameter(
        String name,
        ParameterType type,
        Optional<Object> defaultValue,
        boolean optional,
        Optional<Number> min,
        Optional<Number> max,
        List<Object> choices,
        MultipleMode multiple,
        String multipleSeparator,
        Optional<String> passAs,
        Optional<String> passTrueAs,
        Optional<String> passFalseAs,
        Optional<String> description,
        Optional<String> category,
        Optional<Object> widget) {

    /** Checks for nulls, copies values, and applies Valohai's rules for flags and multiple parameters. */
    public Parameter {
        requireNonNull(name, "name");
        requireNonNull(type, "type");
        requireNonNull(defaultValue, "defaultValue");
        requireNonNull(min, "min");
        requireNonNull(max, "max");
        requireNonNull(multiple, "multiple");
        requireNonNull(multipleSeparator, "multipleSeparator");
        requireNonNull(passAs, "passAs");
        requireNonNull(passTrueAs, "passTrueAs");
        requireNonNull(passFalseAs, "passFalseAs");
        requireNonNull(description, "description");
        requireNonNull(category, "category");
        requireNonNull(widget, "widget");
        choices = List.copyOf(choices);
        if (multiple != MultipleMode.NONE) {
            defaultValue = defaultValue.map(value -> value instanceof List<?> ? value : List.of(value));
        }
        defaultValue = defaultValue.map(Plain::freeze);
        widget = widget.map(Plain::freeze);
        if (type == ParameterType.FLAG) {
            if (multiple != MultipleMode.NONE) {
                throw new IllegalArgumentException("flag parameter '" + name + "' cannot be multiple");
            }
            optional = true;
            choices = List.of();
        } else {
            passTrueAs = Optional.empty();
            passFalseAs = Optional.empty();
        }
    }

    /** Whether the parameter takes a list of values. */
    public boolean isMultiple() {
        return multiple != MultipleMode.NONE;
    }

    /** The parameter as JSON-ready data in {@code valohai.yaml}'s key names, leaving out what is unset. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", name);
        map.put("type", type.yamlName());
        Plain.putIfPresent(map, "description", description);
        Plain.putIfPresent(map, "default", defaultValue);
        if (type != ParameterType.FLAG) {
            map.put("optional", optional);
        }
        Plain.putIfPresent(map, "min", min);
        Plain.putIfPresent(map, "max", max);
        Plain.putIfNotEmpty(map, "choices", choices);
        if (isMultiple()) {
            map.put("multiple", multiple.yamlName());
            map.put("multiple-separator", multipleSeparator);
        }
        Plain.putIfPresent(map, "pass-as", passAs);
        Plain.putIfPresent(map, "pass-true-as", passTrueAs);
        Plain.putIfPresent(map, "pass-false-as", passFalseAs);
        Plain.putIfPresent(map, "category", category);
        Plain.putIfPresent(map, "widget", widget);
        return map;
    }
}
