package io.lathe.server.console;

import io.lathe.server.executions.CreateExecution;
import io.lathe.server.valohai.Input;
import io.lathe.server.valohai.Parameter;
import io.lathe.server.valohai.ParameterType;
import io.lathe.server.valohai.Step;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The new-execution form of one step: the names of its fields, and the form's values read back into the API's
 * {@link CreateExecution}. Field names are the API's error fields ({@code title}, {@code parameters.<name>},
 * {@code inputs.<name>}, {@code environment}), so a server-side error lands at its field; what the fields show is
 * {@link ExecutionFormFields}.
 */
final class ExecutionForm {

    static final String TITLE = "title";
    static final String ENVIRONMENT = "environment";
    private static final String PARAMETER_PREFIX = "parameters.";
    private static final String INPUT_PREFIX = "inputs.";

    private final Step step;

    ExecutionForm(Step step) {
        this.step = step;
    }

    static String parameterField(String name) {
        return PARAMETER_PREFIX + name;
    }

    static String inputField(String name) {
        return INPUT_PREFIX + name;
    }

    /** The names of every field of this form that an error can be shown at. */
    Set<String> fieldNames() {
        Set<String> names = new HashSet<>(Set.of(TITLE, ENVIRONMENT));
        step.parameters().forEach(p -> names.add(parameterField(p.name())));
        step.inputs().forEach(i -> names.add(inputField(i.name())));
        return names;
    }

    /**
     * The request the form's values make.
     *
     * @param submitted the posted values of a field name (null when the field was not posted)
     */
    CreateExecution request(String projectId, String commitId, Function<String, String[]> submitted) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        for (Parameter parameter : step.parameters()) {
            String[] values = submitted.apply(parameterField(parameter.name()));
            if (parameter.type() == ParameterType.FLAG) {
                // An unticked box posts nothing: that is false, not "use the default".
                parameters.put(parameter.name(), values != null && Arrays.asList(values).contains("true"));
            } else if (parameter.isMultiple()) {
                List<String> lines = values == null ? List.of() : Arrays.stream(values)
                        .flatMap(value -> lines(value).stream()).toList();
                parameters.put(parameter.name(), lines.isEmpty() ? null : lines);
            } else {
                String value = values == null || values.length == 0 ? null : values[0];
                parameters.put(parameter.name(), value == null || value.isBlank() ? null : value.strip());
            }
        }
        Map<String, Object> inputs = new LinkedHashMap<>();
        for (Input input : step.inputs()) {
            String[] values = submitted.apply(inputField(input.name()));
            inputs.put(input.name(), values == null || values.length == 0 ? List.of() : lines(values[0]));
        }
        return new CreateExecution(projectId, commitId, step.name(), parameters, inputs, first(submitted, TITLE),
                first(submitted, ENVIRONMENT));
    }

    /** The non-blank lines of a text area, stripped. */
    static List<String> lines(String text) {
        return text == null ? List.of() : text.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    private static String first(Function<String, String[]> submitted, String name) {
        String[] values = submitted.apply(name);
        return values == null || values.length == 0 ? null : values[0];
    }
}
