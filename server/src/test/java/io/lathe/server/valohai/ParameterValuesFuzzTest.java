package io.lathe.server.valohai;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Random values of every JSON type (as JSON-B hands them over: BigDecimal, String, Boolean, List, Map, null, and the
 * Long, Double and BigInteger that YAML defaults are) given to random parameters of every type, multiple mode, range
 * and choice list, seeded so that a failure can be replayed. {@link ParameterValues#resolve} answers with typed values
 * that the server can build a command from and store as JSON, or throws {@link ParameterException}; nothing else.
 */
class ParameterValuesFuzzTest {

    private static final long SEED = 0x9a7a_2026L;
    private static final int CASES = 10_000;
    // A bound on runaway work (an alias bomb, a number with a billion digits), not a speed target: a case took over
    // 1 s on a 2-core machine loaded with parallel builds, so the bound leaves room for that.
    private static final Duration SLOWEST_CASE = Duration.ofSeconds(5);

    private static final String[] TYPES = {"string", "integer", "float", "flag"};
    private static final String[] MULTIPLE = {"none", "repeat", "separate"};
    private static final String[] BOUNDS = {"0", "-1", "1", "10", "0.5", "-0.5", "1.0e+300", "-1.0e+300",
        "9223372036854775807", "-9223372036854775808", "99999999999999999999999", "0.0001", "'1e-4'"};
    private static final String[] YAML_VALUES = {"0", "1", "-5", "3.0", "0.25", "1e-4", "yes", "no", "true", "abc",
        "''", "'7'", "99999999999999999999", "1.0e+300", "0x10", "010", "1:30", "2024-01-01", "[1, 2]", "[a, b]",
        "[]", "[yes, 1]"};
    private static final String[] PASS_AS = {"--{name}={value}", "-{name} {v}", "{v}", "--x={v!r}", "--{{literal}}",
        "--flag"};
    private static final String[] TEXTS = {"", " ", "abc", "1", "3.0", " 7 ", "1e-4", "1E400", "-1e-400", "NaN",
        "nan", "Infinity", "-inf", "1_000", "1__0", "_1", "0x1F", "0b101", "010", "+5", "-0", "\u0663", "\uff11\uff12",
        "true", "yes", "on", "0", "off", "TRUE", "None", "null", "9".repeat(30), "-" + "9".repeat(400), "{v}", "'",
        "\"", "$(id)", "`id`", "\u0000", "\n", "\ud83d\ude00", "\ud800", "a,b", "1.5e", ".", "-.5", "5.", "1e",
        "0.1e-9999999999"};

    private static final Jsonb JSONB = JsonbBuilder.create();

    @AfterAll
    static void closeJsonb() throws Exception {
        JSONB.close();
    }

    @Test
    void randomValuesGiveTypedValuesOrAParameterException() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            List<String> failures = new ArrayList<>();
            Map<String, Integer> outcomes = new java.util.TreeMap<>();
            for (int i = 0; i < CASES; i++) {
                Random random = new Random(SEED + i);
                Step step;
                try {
                    step = ValohaiConfigParser.parse("valohai.yaml", new StringReader(stepYaml(random))).steps()
                            .get(0);
                } catch (ValohaiConfigException e) {
                    outcomes.merge("step refused by the parser", 1, Integer::sum);
                    continue;
                }
                Map<String, Object> given = given(random, step);
                String failure = check(step, given, outcomes);
                if (failure != null) {
                    failures.add("case " + i + ": " + failure + "\n    step: " + step.toMap().get("parameters")
                            + "\n    given: " + shortened(String.valueOf(given)));
                }
            }
            assertTrue(failures.isEmpty(), failures.size() + " of " + CASES + " cases failed; the first:\n"
                    + String.join("\n", failures.subList(0, Math.min(5, failures.size()))));
            assertTrue(outcomes.getOrDefault("typed", 0) > CASES / 20
                    && outcomes.getOrDefault("refused", 0) > CASES / 20, outcomes.toString());
        });
    }

    @Test
    void hugeNumbersAndLongTextAreAnsweredQuickly() throws ValohaiConfigException {
        Step step = ValohaiConfigParser.parse("valohai.yaml", new StringReader("""
                - step:
                    name: s
                    image: i
                    command: run {parameters}
                    parameters:
                      - {name: i, type: integer, min: 0}
                      - {name: f, type: float, max: 1.0e+300}
                      - {name: s, type: string, choices: [a, b]}
                      - {name: m, type: integer, multiple: separate}
                """)).steps().get(0);
        List<Object> values = List.of("9".repeat(1_000_000), "1" + "0".repeat(1_000_000) + ".5",
                new BigDecimal("1E+999999999"), new BigDecimal("-1E-999999999"), new BigInteger("9".repeat(5_000)),
                "x".repeat(1_000_000), List.of("9".repeat(1_000_000)), Double.MAX_VALUE, Double.MIN_VALUE);
        List<String> failures = new ArrayList<>();
        Map<String, Integer> outcomes = new LinkedHashMap<>();
        for (String name : List.of("i", "f", "s", "m")) {
            for (Object value : values) {
                Map<String, Object> given = new LinkedHashMap<>(Map.of("i", 1, "f", 1, "s", "a", "m", List.of(1)));
                given.put(name, value);
                String failure = check(step, given, outcomes);
                if (failure != null) {
                    failures.add(name + " = " + shortened(String.valueOf(value)) + ": " + failure);
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    /** What is wrong with resolving {@code given}, or null. */
    private static String check(Step step, Map<String, Object> given, Map<String, Integer> outcomes) {
        long start = System.nanoTime();
        String failure = null;
        try {
            Map<String, Object> resolved = ParameterValues.resolve(step, given);
            failure = typeProblem(step, resolved);
            // What ExecutionService does next with them.
            CommandBuilder.buildResolved(step, resolved);
            JSONB.toJson(resolved);
            outcomes.merge("typed", 1, Integer::sum);
        } catch (ParameterException e) {
            if (e.getMessage().length() > 1_000) {
                failure = "a message of " + e.getMessage().length() + " characters";
            }
            outcomes.merge("refused", 1, Integer::sum);
        } catch (Throwable e) {
            failure = e + "\n    at " + Arrays.stream(e.getStackTrace()).limit(6).map(String::valueOf)
                    .collect(Collectors.joining("\n    at "));
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (failure == null && millis > SLOWEST_CASE.toMillis()) {
            failure = "took " + millis + " ms";
        }
        return failure;
    }

    private static String typeProblem(Step step, Map<String, Object> resolved) {
        for (Map.Entry<String, Object> entry : resolved.entrySet()) {
            Parameter parameter = step.parameter(entry.getKey()).orElse(null);
            if (parameter == null) {
                return "resolved an unknown parameter " + entry.getKey();
            }
            List<?> atoms = parameter.isMultiple() && entry.getValue() instanceof List<?> list ? list
                    : List.of(entry.getValue());
            for (Object atom : atoms) {
                boolean typed = switch (parameter.type()) {
                    case INTEGER -> atom instanceof Long;
                    case FLOAT -> atom instanceof Double number && Double.isFinite(number);
                    case FLAG -> atom instanceof Boolean;
                    case STRING -> atom instanceof String;
                };
                if (!typed) {
                    return parameter.name() + " (" + parameter.type() + ") resolved to " + atom + " of "
                            + (atom == null ? "no type" : atom.getClass().getSimpleName());
                }
            }
        }
        return null;
    }

    private static String stepYaml(Random random) {
        StringBuilder yaml = new StringBuilder("- step:\n    name: s\n    image: i\n    command: run {parameters}\n"
                + "    parameters:\n");
        int count = 1 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            String type = TYPES[random.nextInt(TYPES.length)];
            yaml.append("      - name: p").append(i).append("\n        type: ").append(type).append('\n');
            if (!type.equals("flag") && random.nextInt(3) == 0) {
                yaml.append("        multiple: ").append(MULTIPLE[random.nextInt(MULTIPLE.length)]).append('\n');
            }
            if (random.nextBoolean()) {
                yaml.append("        optional: ").append(random.nextBoolean()).append('\n');
            }
            if (random.nextInt(3) == 0) {
                yaml.append("        min: ").append(BOUNDS[random.nextInt(BOUNDS.length)]).append('\n');
            }
            if (random.nextInt(3) == 0) {
                yaml.append("        max: ").append(BOUNDS[random.nextInt(BOUNDS.length)]).append('\n');
            }
            if (random.nextInt(4) == 0) {
                yaml.append("        choices: [").append(YAML_VALUES[random.nextInt(YAML_VALUES.length)]
                        .replaceAll("^\\[|]$", "")).append(", ").append(BOUNDS[random.nextInt(BOUNDS.length)])
                        .append("]\n");
            }
            if (random.nextInt(3) == 0) {
                yaml.append("        default: ").append(YAML_VALUES[random.nextInt(YAML_VALUES.length)]).append('\n');
            }
            if (random.nextInt(4) == 0) {
                yaml.append("        pass-as: '").append(PASS_AS[random.nextInt(PASS_AS.length)]).append("'\n");
            }
        }
        return yaml.toString();
    }

    private static Map<String, Object> given(Random random, Step step) {
        Map<String, Object> given = new LinkedHashMap<>();
        for (Parameter parameter : step.parameters()) {
            if (random.nextInt(5) != 0) {
                given.put(parameter.name(), value(random, 0));
            }
        }
        if (random.nextInt(20) == 0) {
            // JSON-B reads a list given as "parameters" into a map with a null key.
            String[] odd = {"unknown", "", null};
            given.put(odd[random.nextInt(odd.length)], value(random, 0));
        }
        return given;
    }

    /** A value as JSON-B reads JSON into Object, or as YAML gives a default. */
    private static Object value(Random random, int depth) {
        return switch (random.nextInt(depth > 2 ? 8 : 11)) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2, 3 -> TEXTS[random.nextInt(TEXTS.length)];
            case 4, 5 -> new BigDecimal(new String[] {"0", "1", "-1", "3.0", "0.1", "2.5", "1E+999999999",
                "-1E-999999999", "1E+308", "1.7976931348623157E+309", "123456789012345678901234567890", "1E-400",
                "9223372036854775807", "9223372036854775808", "-9223372036854775809", "0.0001", "-0.0"}
                [random.nextInt(17)]);
            case 6 -> new Object[] {0L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, 3, Integer.MIN_VALUE}[random.nextInt(6)];
            case 7 -> new Object[] {0.5, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                Double.MIN_VALUE, Double.MAX_VALUE, 1e-4, new BigInteger("9".repeat(40))}[random.nextInt(9)];
            case 8, 9 -> {
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    list.add(value(random, depth + 1));
                }
                yield list;
            }
            default -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = random.nextInt(3); i > 0; i--) {
                    map.put("k" + i, value(random, depth + 1));
                }
                yield map;
            }
        };
    }

    private static String shortened(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
