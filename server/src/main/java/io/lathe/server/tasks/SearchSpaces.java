package io.lathe.server.tasks;

import io.lathe.plugin.api.optimizer.Domain;
import io.lathe.plugin.api.optimizer.SearchSpace;
import io.lathe.server.platform.DomainException;
import io.lathe.server.valohai.Parameter;
import io.lathe.server.valohai.ParameterType;
import io.lathe.server.valohai.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Reads a task's search space in Valohai's variant-parameter styles ({@code single {value}}, {@code multiple
 * {items}}, {@code linear {start, end, step}}, {@code logspace {start, end, count, base}}, {@code random {min, max,
 * count, distribution, seed}}) into the optimizers' {@link SearchSpace}, checking each against the step's parameter.
 * Every refusal is a 400 naming {@code parameters.<name>}.
 */
final class SearchSpaces {

    static final int MAX_GRID = 10_000;

    private SearchSpaces() {
    }

    /**
     * @param grid whether the task enumerates the space: a {@code random} style then stands for its {@code count}
     *     seeded samples, as on Valohai; other types sample the distribution itself
     */
    static SearchSpace read(Step step, Map<String, Object> parameters, boolean grid, long seed) {
        if (parameters == null || parameters.isEmpty()) {
            throw DomainException.invalid("missing-field", "give the parameters to search, e.g. {\"learning_rate\":"
                    + " {\"style\": \"logspace\", \"rules\": {\"start\": -4, \"end\": -1, \"count\": 4}}}",
                    "parameters");
        }
        List<SearchSpace.Dimension> dimensions = new ArrayList<>();
        for (Map.Entry<String, Object> entry : parameters.entrySet()) {
            String field = "parameters." + entry.getKey();
            Parameter parameter = step.parameter(entry.getKey()).orElseThrow(() -> DomainException.invalid(
                    "unknown-parameter", "step '" + step.name() + "' has no parameter '" + entry.getKey() + "'",
                    field));
            if (!(entry.getValue() instanceof Map<?, ?> variant)) {
                throw DomainException.invalid("invalid-search", "give {\"style\": ..., \"rules\": {...}} for '"
                        + entry.getKey() + "'", field);
            }
            try {
                dimensions.add(new SearchSpace.Dimension(entry.getKey(), domain(parameter, variant, grid, seed)));
            } catch (IllegalArgumentException | ClassCastException e) {
                throw DomainException.invalid("invalid-search", "'" + entry.getKey() + "': " + e.getMessage(), field);
            }
        }
        return new SearchSpace(dimensions);
    }

    private static Domain domain(Parameter parameter, Map<?, ?> variant, boolean grid, long seed) {
        String style = String.valueOf(variant.get("style")).toLowerCase(Locale.ROOT);
        Map<?, ?> rules = variant.get("rules") instanceof Map<?, ?> given ? given : Map.of();
        boolean integer = parameter.type() == ParameterType.INTEGER || truthy(rules.get("integerify"));
        switch (style) {
            case "single":
                return new Domain.Choice(List.of(typed(parameter, required(rules, "value"))));
            case "multiple": {
                if (!(rules.get("items") instanceof List<?> items) || items.isEmpty()) {
                    throw new IllegalArgumentException("the multiple style needs a non-empty list 'items'");
                }
                return new Domain.Choice(items.stream().map(item -> typed(parameter, item)).toList());
            }
            case "linear":
                numeric(parameter, style);
                return new Domain.Linear(number(rules, "start"), number(rules, "end"), number(rules, "step"),
                        integer);
            case "logspace":
                numeric(parameter, style);
                return new Domain.LogSpace(number(rules, "start"), number(rules, "end"),
                        (int) number(rules, "count"), rules.containsKey("base") ? number(rules, "base") : 10, integer);
            case "random": {
                numeric(parameter, style);
                String distribution = String.valueOf(rules.containsKey("distribution") ? rules.get("distribution")
                        : "uniform").toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
                Domain.Distribution.Kind kind = switch (distribution) {
                    case "uniform" -> integer ? Domain.Distribution.Kind.INTEGER : Domain.Distribution.Kind.UNIFORM;
                    case "loguniform" -> Domain.Distribution.Kind.LOG_UNIFORM;
                    case "integer", "randint" -> Domain.Distribution.Kind.INTEGER;
                    default -> throw new IllegalArgumentException("unknown distribution '" + distribution
                            + "'; use uniform, loguniform or integer");
                };
                Domain.Distribution range = new Domain.Distribution(kind, number(rules, "min"), number(rules, "max"));
                if (!grid) {
                    return range;
                }
                int count = rules.containsKey("count") ? (int) number(rules, "count") : 10;
                if (count < 1 || count > MAX_GRID) {
                    throw new IllegalArgumentException("count must be between 1 and " + MAX_GRID);
                }
                long ownSeed = rules.containsKey("seed") ? (long) number(rules, "seed") : seed;
                return new Domain.Choice(sample(range, count, new Random(ownSeed), integer));
            }
            default:
                throw new IllegalArgumentException("unknown style '" + style + "'; use single, multiple, linear,"
                        + " logspace or random");
        }
    }

    private static List<Object> sample(Domain.Distribution range, int count, Random random, boolean integer) {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double value = switch (range.kind()) {
                case UNIFORM -> range.min() + random.nextDouble() * (range.max() - range.min());
                case LOG_UNIFORM -> Math.exp(Math.log(range.min())
                        + random.nextDouble() * (Math.log(range.max()) - Math.log(range.min())));
                case INTEGER -> Math.floor(range.min() + random.nextDouble() * (range.max() - range.min() + 1));
            };
            values.add(integer || range.kind() == Domain.Distribution.Kind.INTEGER ? (Object) Math.round(value)
                    : (Object) value);
        }
        return values;
    }

    /** A value as the parameter's type wants it: numbers for numeric parameters, booleans for flags. */
    private static Object typed(Parameter parameter, Object value) {
        if (value == null) {
            throw new IllegalArgumentException("a value is missing");
        }
        return switch (parameter.type()) {
            case INTEGER -> value instanceof Number n ? (Object) n.longValue() : (Object) Long.parseLong(value.toString());
            case FLOAT -> value instanceof Number n ? (Object) n.doubleValue()
                    : (Object) Double.parseDouble(value.toString());
            case FLAG -> value instanceof Boolean b ? b : Boolean.parseBoolean(value.toString());
            case STRING -> value.toString();
        };
    }

    private static void numeric(Parameter parameter, String style) {
        if (!parameter.type().isNumeric()) {
            throw new IllegalArgumentException("the " + style + " style needs an integer or float parameter, and '"
                    + parameter.name() + "' is a " + parameter.type().name().toLowerCase(Locale.ROOT));
        }
    }

    private static Object required(Map<?, ?> rules, String name) {
        Object value = rules.get(name);
        if (value == null) {
            throw new IllegalArgumentException("the rule '" + name + "' is missing");
        }
        return value;
    }

    private static double number(Map<?, ?> rules, String name) {
        Object value = required(rules, name);
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        try {
            return Double.parseDouble(value.toString());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the rule '" + name + "' must be a number, not '" + value + "'");
        }
    }

    private static boolean truthy(Object value) {
        return value instanceof Boolean b ? b : value != null && Boolean.parseBoolean(value.toString());
    }
}
