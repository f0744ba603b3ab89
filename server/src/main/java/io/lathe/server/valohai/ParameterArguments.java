package io.lathe.server.valohai;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The command-line arguments of one parameter value, as valohai-yaml's {@code Parameter.format_cli} makes them. */
final class ParameterArguments {

    private ParameterArguments() {
    }

    /**
     * @param value the value, or null for none
     * @return unquoted arguments; empty when the parameter passes nothing
     * @throws IllegalArgumentException when the pattern cannot be formatted, or a non-multiple parameter has a list
     */
    static List<String> of(Parameter parameter, Object value) {
        String pattern = pattern(parameter, value);
        if (pattern == null || pattern.isEmpty()) {
            return List.of();
        }
        String[] pieces = pattern.strip().split("\\s+");
        return switch (parameter.multiple()) {
            case REPEAT -> {
                List<String> arguments = new ArrayList<>();
                for (Object atom : value instanceof List<?> list ? list : List.of(value)) {
                    if (atom instanceof List) {
                        throw new IllegalArgumentException("parameter '" + parameter.name() + "' has a nested list"
                                + " value, which cannot be passed");
                    }
                    arguments.addAll(format(parameter, pattern, pieces, atom));
                }
                yield arguments;
            }
            case SEPARATE -> {
                List<?> atoms = value instanceof List<?> list ? list : List.of(value);
                // An empty list passes nothing rather than a bare "--name=".
                yield atoms.isEmpty() ? List.of() : format(parameter, pattern, pieces, atoms.stream()
                        .map(PythonText::str).collect(Collectors.joining(parameter.multipleSeparator())));
            }
            case NONE -> {
                if (value instanceof List) {
                    throw new IllegalArgumentException("parameter '" + parameter.name() + "' takes a single value,"
                            + " not a list; it is not declared 'multiple'");
                }
                yield format(parameter, pattern, pieces, value);
            }
        };
    }

    /** The pattern for this value, or null when the parameter passes nothing. */
    private static String pattern(Parameter parameter, Object value) {
        boolean truthy = PythonText.truthy(value);
        if (parameter.type() == ParameterType.FLAG) {
            if (parameter.passTrueAs().isPresent() || parameter.passFalseAs().isPresent()) {
                // As in valohai-yaml, a flag with no value counts as false here.
                return (truthy ? parameter.passTrueAs() : parameter.passFalseAs()).orElse(null);
            }
            if (!truthy) {
                return null;
            }
        }
        if (value == null) {
            return null;
        }
        String defaultPattern = parameter.type() == ParameterType.FLAG ? "--{name}" : "--{name}={value}";
        return parameter.passAs().filter(passAs -> !passAs.isEmpty()).orElse(defaultPattern);
    }

    private static List<String> format(Parameter parameter, String pattern, String[] pieces, Object value) {
        List<String> arguments = new ArrayList<>(pieces.length);
        for (String piece : pieces) {
            try {
                arguments.add(PassAsTemplate.format(piece, parameter.name(), value));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("parameter '" + parameter.name() + "': pattern '" + pattern + "' "
                        + e.getMessage(), e);
            }
        }
        return arguments;
    }
}
