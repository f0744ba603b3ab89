package io.lathe.server.console;

import io.lathe.server.valohai.Input;
import io.lathe.server.valohai.Parameter;
import io.lathe.server.valohai.ParameterType;
import io.lathe.server.valohai.Step;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What the new-execution form of one step shows: a field per parameter (a box, a choice, a number, text or lines)
 * and per input, prefilled with the step's defaults, or with what the user typed when the form comes back with an
 * error, the error at its field. Named as {@link ExecutionForm} reads them back.
 */
final class ExecutionFormFields {

    private final Step step;

    ExecutionFormFields(Step step) {
        this.step = step;
    }

    /**
     * The fields to render, in the step's order: parameters, then inputs.
     *
     * @param submitted what the user posted, or null for a fresh form with the step's defaults
     * @param errorField the field the server refused, or null
     * @param error the server's message for it
     */
    List<Map<String, Object>> fields(Function<String, String[]> submitted, String errorField, String error) {
        List<Map<String, Object>> fields = new ArrayList<>();
        int index = 0;
        for (Parameter parameter : step.parameters()) {
            String name = ExecutionForm.parameterField(parameter.name());
            Map<String, Object> field = field(name, "f-parameter-" + index++, parameter.name(),
                    parameter.description().orElse(""), name.equals(errorField) ? error : "");
            describeParameter(field, parameter, submitted == null ? null : posted(submitted.apply(name)));
            fields.add(field);
        }
        index = 0;
        for (Input input : step.inputs()) {
            String name = ExecutionForm.inputField(input.name());
            Map<String, Object> field = field(name, "f-input-" + index++, input.name(),
                    input.description().orElse(""), name.equals(errorField) ? error : "");
            String[] values = submitted == null ? null : submitted.apply(name);
            field.put("kind", "lines");
            field.put("value", values == null ? String.join("\n", input.defaults())
                    : values.length == 0 ? "" : values[0]);
            field.put("required", !input.optional());
            field.put("hint", "input: http(s):// URLs or datum://<id>, one per line"
                    + (input.optional() ? "; optional" : ""));
            fields.add(field);
        }
        return fields;
    }

    /** What a posted form held for a field: an unticked box or an empty multiple choice posts nothing. */
    private static String[] posted(String[] values) {
        return values == null ? new String[0] : values;
    }

    private static Map<String, Object> field(String name, String id, String label, String description, String error) {
        Map<String, Object> field = new LinkedHashMap<>();
        field.put("name", name);
        field.put("id", id);
        field.put("label", label);
        field.put("description", description);
        field.put("error", error == null ? "" : error);
        field.put("value", "");
        field.put("checked", false);
        field.put("options", List.of());
        field.put("required", false);
        field.put("min", "");
        field.put("max", "");
        field.put("step", "");
        field.put("hint", "");
        return field;
    }

    private static void describeParameter(Map<String, Object> field, Parameter parameter, String[] submitted) {
        List<String> defaults = defaults(parameter);
        List<String> current = submitted == null ? defaults : Arrays.asList(submitted);
        field.put("required", !parameter.optional() && parameter.type() != ParameterType.FLAG);
        StringBuilder hint = new StringBuilder(parameter.type().yamlName());
        if (parameter.type() == ParameterType.FLAG) {
            field.put("kind", "checkbox");
            field.put("checked", current.contains("true"));
        } else if (!parameter.choices().isEmpty()) {
            field.put("kind", parameter.isMultiple() ? "multiselect" : "select");
            List<Map<String, Object>> options = new ArrayList<>();
            if (!parameter.isMultiple() && parameter.optional()) {
                options.add(Map.of("value", "", "label", "(none)", "selected", current.isEmpty()
                        || current.contains("")));
            }
            for (Object choice : parameter.choices()) {
                String value = isNumeric(parameter) ? number(choice) : text(choice);
                options.add(Map.of("value", value, "label", value, "selected", current.contains(value)));
            }
            field.put("options", options);
        } else if (parameter.isMultiple()) {
            field.put("kind", "lines");
            field.put("value", String.join("\n", current));
            hint.append(", one value per line");
        } else if (parameter.type() == ParameterType.STRING) {
            field.put("kind", "text");
            field.put("value", current.isEmpty() ? "" : current.get(0));
        } else {
            field.put("kind", "number");
            field.put("value", current.isEmpty() ? "" : current.get(0));
            field.put("step", parameter.type() == ParameterType.INTEGER ? "1" : "any");
            parameter.min().ifPresent(min -> field.put("min", number(min)));
            parameter.max().ifPresent(max -> field.put("max", number(max)));
        }
        if (parameter.min().isPresent() || parameter.max().isPresent()) {
            hint.append(", ").append(parameter.min().map(ExecutionFormFields::number).orElse("…")).append(" to ")
                    .append(parameter.max().map(ExecutionFormFields::number).orElse("…"));
        }
        if (parameter.optional() && parameter.type() != ParameterType.FLAG) {
            hint.append(", optional");
        }
        field.put("hint", hint.toString());
    }

    /** The parameter's default as the form's text: numbers spelled so that a number field takes them. */
    private static List<String> defaults(Parameter parameter) {
        if (parameter.defaultValue().isEmpty()) {
            return List.of();
        }
        Object value = parameter.defaultValue().get();
        List<?> values = value instanceof List<?> list ? list : List.of(value);
        return values.stream().map(v -> isNumeric(parameter) ? number(v) : text(v)).toList();
    }

    private static boolean isNumeric(Parameter parameter) {
        return parameter.type() == ParameterType.INTEGER || parameter.type() == ParameterType.FLOAT;
    }

    /**
     * A number as an HTML number field reads it ({@code 1E-7} is fine, {@code 1_000} and {@code .5} are not);
     * anything that is not a number is left as it is, for the server to judge.
     */
    static String number(Object value) {
        String text = String.valueOf(value).strip();
        try {
            return new BigDecimal(text.replace("_", "")).toString();
        } catch (NumberFormatException e) {
            return text;
        }
    }

    private static String text(Object value) {
        if (value instanceof Boolean flag) {
            return flag.toString();
        }
        if (value instanceof Number number) {
            return number(number);
        }
        return String.valueOf(value);
    }

}
