package io.lathe.server.valohai;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Checks and types the parameter values of an execution against its step, filling in defaults. Values arrive as JSON
 * gives them (Number, String, Boolean, List) or as YAML defaults; they come out as Long (integer), Double (float),
 * Boolean (flag) or String, or a List of those for a {@code multiple} parameter.
 *
 * <p>Accepted beyond valohai-yaml's own validation: an integer written as {@code 3.0} or {@code "3.0"}, a flag as
 * {@code "true"}, {@code "yes"}, {@code "on"}, {@code "1"} (and their opposites). Not accepted: NaN and infinities,
 * which JSON cannot carry.
 */
public final class ParameterValues {

    private static final int MAX_PLAIN_SCALE = 1_000;
    private static final int MAX_SHOWN_LENGTH = 100;

    private ParameterValues() {
    }

    /**
     * Resolves the values of one execution.
     *
     * <p>A parameter absent from {@code given} takes its default. A null (or, for a number, blank text) means "no
     * value": allowed for optional parameters, which are then left out. A flag without a value is false.
     *
     * @param step the step being run
     * @param given values by parameter name; every name must be one of the step's parameters
     * @return typed values in the step's declaration order, unmodifiable
     * @throws ParameterException for the first value that is not accepted, or a required parameter without one
     */
    public static Map<String, Object> resolve(Step step, Map<String, ?> given) throws ParameterException {
        requireNonNull(step, "step");
        requireNonNull(given, "given");
        for (String key : given.keySet()) {
            // JSON-B can hand over a null key (it reads a list of entries as a map): a name no step has.
            String name = String.valueOf(key);
            if (key == null || step.parameter(name).isEmpty()) {
                throw new ParameterException(name, "step '" + step.name() + "' has no parameter '" + name + "'"
                        + (step.parameters().isEmpty() ? "; it takes no parameters"
                                : "; its parameters are " + step.parameters().stream().map(Parameter::name)
                                        .collect(Collectors.joining(", "))));
            }
        }
        Map<String, Object> resolved = new LinkedHashMap<>();
        for (Parameter parameter : step.parameters()) {
            boolean isGiven = given.containsKey(parameter.name());
            Object value = isGiven ? given.get(parameter.name()) : parameter.defaultValue().orElse(null);
            if (isNoValue(parameter, value)) {
                if (parameter.type() == ParameterType.FLAG) {
                    resolved.put(parameter.name(), Boolean.FALSE);
                } else if (!parameter.optional()) {
                    throw new ParameterException(parameter.name(), "parameter '" + parameter.name() + "' is required"
                            + (isGiven || parameter.defaultValue().isPresent() ? "; give it a value"
                                    : " and has no default; give it a value"));
                }
                continue;
            }
            try {
                resolved.put(parameter.name(), convert(parameter, value));
            } catch (InvalidValueException e) {
                throw new ParameterException(parameter.name(), "parameter '" + parameter.name() + "' " + e.problem()
                        + (isGiven ? "" : " (this is the step's default; give a value, or fix the default)"));
            }
        }
        return Collections.unmodifiableMap(resolved);
    }

    private static boolean isNoValue(Parameter parameter, Object value) {
        return value == null || parameter.type().isNumeric() && value instanceof String text && text.isBlank();
    }

    private static Object convert(Parameter parameter, Object value) throws InvalidValueException {
        if (!parameter.isMultiple()) {
            if (value instanceof List) {
                throw new InvalidValueException("takes a single value, not a list; it is not declared 'multiple'");
            }
            return convertAtom(parameter, value);
        }
        List<?> atoms = value instanceof List<?> list ? list : List.of(value);
        List<Object> converted = new ArrayList<>(atoms.size());
        for (Object atom : atoms) {
            if (atom == null || atom instanceof List) {
                throw new InvalidValueException("must be a list of single values, not " + shown(atom));
            }
            converted.add(convertAtom(parameter, atom));
        }
        return List.copyOf(converted);
    }

    /** Types one value of {@code parameter} and checks its range and choices. */
    static Object convertAtom(Parameter parameter, Object atom) throws InvalidValueException {
        Object typed = switch (parameter.type()) {
            case INTEGER -> toInteger(atom);
            case FLOAT -> toFloat(atom);
            case FLAG -> toFlag(atom);
            case STRING -> toText(atom);
        };
        if (parameter.type().isNumeric()) {
            checkRange(parameter, (Number) typed);
        }
        checkChoices(parameter, typed);
        return typed;
    }

    private static Long toInteger(Object atom) throws InvalidValueException {
        Optional<BigDecimal> exact = atom instanceof Boolean ? Optional.empty()
                : Numbers.parse(atom).flatMap(Numbers::exact);
        if (exact.isPresent()) {
            try {
                return exact.get().stripTrailingZeros().longValueExact();
            } catch (ArithmeticException e) {
                if (exact.get().stripTrailingZeros().scale() <= 0) {
                    throw new InvalidValueException("must be an integer between " + Long.MIN_VALUE + " and "
                            + Long.MAX_VALUE + ", not " + shown(atom));
                }
            }
        }
        throw new InvalidValueException("must be an integer, not " + shown(atom));
    }

    private static Double toFloat(Object atom) throws InvalidValueException {
        Optional<BigDecimal> exact = atom instanceof Boolean ? Optional.empty()
                : Numbers.parse(atom).flatMap(Numbers::exact);
        if (exact.isPresent() && Double.isFinite(exact.get().doubleValue())) {
            return exact.get().doubleValue();
        }
        throw new InvalidValueException("must be a number, not " + shown(atom));
    }

    private static Boolean toFlag(Object atom) throws InvalidValueException {
        if (atom instanceof Boolean flag) {
            return flag;
        }
        if (atom instanceof String text) {
            switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on", "1":
                    return Boolean.TRUE;
                case "false", "no", "off", "0":
                    return Boolean.FALSE;
                default:
                    break;
            }
        }
        throw new InvalidValueException("must be true or false, not " + shown(atom));
    }

    private static String toText(Object atom) throws InvalidValueException {
        if (atom instanceof String text) {
            return text;
        }
        if (atom instanceof Boolean || atom instanceof Number) {
            return text(atom);
        }
        throw new InvalidValueException("must be text, not " + shown(atom));
    }

    private static void checkRange(Parameter parameter, Number value) throws InvalidValueException {
        BigDecimal exact = Numbers.exact(value).orElseThrow();
        Optional<BigDecimal> min = parameter.min().flatMap(Numbers::exact);
        if (min.isPresent() && exact.compareTo(min.get()) < 0) {
            throw new InvalidValueException("must be at least " + Numbers.display(parameter.min().get()) + ", not "
                    + Numbers.display(value));
        }
        Optional<BigDecimal> max = parameter.max().flatMap(Numbers::exact);
        if (max.isPresent() && exact.compareTo(max.get()) > 0) {
            throw new InvalidValueException("must be at most " + Numbers.display(parameter.max().get()) + ", not "
                    + Numbers.display(value));
        }
    }

    private static void checkChoices(Parameter parameter, Object value) throws InvalidValueException {
        if (parameter.choices().isEmpty()
                || parameter.choices().stream().anyMatch(choice -> sameValue(choice, value))) {
            return;
        }
        throw new InvalidValueException("must be one of " + parameter.choices().stream()
                .map(ParameterValues::shown).collect(Collectors.joining(", ")) + ", not " + shown(value));
    }

    /** Numbers compare by value (choice {@code 1} matches {@code 1.0}); everything else by equality. */
    private static boolean sameValue(Object choice, Object value) {
        if (value instanceof Number number) {
            Optional<BigDecimal> choiceNumber = Numbers.parse(choice).flatMap(Numbers::exact);
            Optional<BigDecimal> valueNumber = Numbers.exact(number);
            return choiceNumber.isPresent() && valueNumber.isPresent()
                    && choiceNumber.get().compareTo(valueNumber.get()) == 0;
        }
        return value.equals(choice);
    }

    /** A number or boolean as a string parameter's text: numbers in plain digits unless that would run very long. */
    private static String text(Object value) {
        if (value instanceof Double || value instanceof Float) {
            return PythonText.floatRepr(((Number) value).doubleValue());
        }
        if (value instanceof BigDecimal decimal) {
            // 1e999999999 is a few bytes of JSON but a billion digits written plainly.
            return Math.abs((long) decimal.scale()) <= MAX_PLAIN_SCALE ? decimal.toPlainString() : decimal.toString();
        }
        return String.valueOf(value);
    }

    /** A value in a message: text in quotes, numbers in digits, anything long shortened. */
    private static String shown(Object value) {
        if (value instanceof String text) {
            return "'" + shortened(text) + "'";
        }
        if (value instanceof BigDecimal || value instanceof java.math.BigInteger) {
            return shortened(Numbers.display((Number) value));
        }
        if (value instanceof Boolean || value instanceof Number) {
            return shortened(text(value));
        }
        if (value instanceof List) {
            return "a list";
        }
        if (value instanceof Map) {
            return "a mapping";
        }
        return String.valueOf(value);
    }

    private static String shortened(String text) {
        return text.length() <= MAX_SHOWN_LENGTH ? text
                : text.substring(0, MAX_SHOWN_LENGTH) + "... (" + text.length() + " characters)";
    }
}
