package io.lathe.server.valohai;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Thousands of malformed {@code valohai.yaml} files, made from real ones by seeded mutations (so a failure names a
 * case that can be replayed): the parser returns a config whose parts serialise to JSON as the server stores them,
 * or throws {@link ValohaiConfigException} naming a line. Nothing else may escape, and no file may take long.
 */
class ValohaiConfigFuzzTest {

    private static final long SEED = 0x1a7e_7a11L;
    private static final int CASES = 5_000;
    // A bound on runaway work (an alias bomb, a number with a billion digits), not a speed target: a case took over
    // 1 s on a 2-core machine loaded with parallel builds, so the bound leaves room for that.
    private static final Duration SLOWEST_CASE = Duration.ofSeconds(5);

    private static final String STEPS = """
            # Steps as a typical project writes them
            - step:
                name: preprocess
                image: python:3.11
                command:
                  - pip install -r requirements.txt
                  - python preprocess.py {parameters}
                parameters:
                  - name: sample-rate
                    type: float
                    default: 0.5
                    min: 0.0
                    max: 1.0
                  - name: shuffle
                    type: flag
                    default: true
                    pass-true-as: --shuffle
                    pass-false-as: --no-shuffle
                  - name: columns
                    type: string
                    multiple: separate
                    multiple-separator: ","
                    default: [a, b, c]
                  - name: mode
                    type: string
                    choices: [fast, slow]
                    default: fast
                    widget: {type: select, settings: {x: 1}}
                inputs:
                  - name: raw
                    default: s3://bucket/raw/*.csv
                    keep-directories: suffix
                  - name: labels
                    optional: true
                    filename: labels.csv
                outputs:
                  - name: clean
                    description: the cleaned data
                environment-variables:
                  - name: LOG_LEVEL
                    default: info
                mounts:
                  - /data:/mnt/data
                  - source: /cache
                    destination: /mnt/cache
                    readonly: true
                    options: {size: 10}
                resources:
                  cpu: {min: 1, max: 4}
                  memory: {min: 1024}
                  devices:
                    nvidia.com/gpu: 1
                time-limit: 1h 30m
                no-output-timeout: 600
                environment: local
            - step:
                name: train
                image: tensorflow/tensorflow:2.15.0-gpu
                command: python train.py {parameters}
                parameters:
                  - name: epochs
                    type: integer
                    default: 10
                    min: 1
                  - name: learning-rate
                    type: float
                    default: 1e-4
                    pass-as: --lr={v}
                inputs:
                  - name: dataset
                    default:
                      - datum://0123abcd
                      - https://example.com/data.zip
            """;

    private static final String PIPELINES = """
            - step:
                name: train
                image: python:3.12
                command: python train.py
            - pipeline:
                name: training
                parameters:
                  - name: epochs
                    targets:
                      - train.parameters.epochs
                    default: 5
                nodes:
                  - name: preprocess
                    type: execution
                    step: preprocess
                  - name: train
                    type: execution
                    step: train
                    override:
                      inputs:
                        - name: dataset
                  - name: deploy
                    type: deployment
                    deployment: prod
                    endpoints: [predict]
                edges:
                  - [preprocess.output.*, train.input.dataset]
                  - source: train.output.model*
                    target: deploy.file.predict.model
            - blueprint:
                name: older-style
                nodes: []
                edges: []
            """;

    private static final String TASKS_AND_MORE = """
            - task:
                name: sweep
                step: train
                type: grid_search
                parameters:
                  - name: learning-rate
                    style: multiple
                    rules:
                      items: [0.1, 0.01, 0.001]
                  - name: epochs
                    style: linear
                    rules: {start: 1, end: 10, step: 1}
            - endpoint:
                name: predict
                image: python:3.12
                wsgi: predict:app
                files:
                  - name: model
                    path: model.pb
            - deployment:
                name: prod
                defaults:
                  target: my-cluster
            - notebook:
                name: ignored
            """;

    private static final String ANCHORS = """
            - step: &base
                name: base
                image: python:3.12
                command: python run.py {parameters}
                parameters: &params
                  - name: n
                    type: integer
                    default: 3
            - step:
                <<: *base
                name: derived
                parameters: *params
            - step:
                <<: [*base]
                name: third
                command: >
                  python long.py
                  --flag
                description: |
                  Multi-line
                  text
            """;

    private static final List<String> SEEDS = List.of(STEPS, PIPELINES, TASKS_AND_MORE, ANCHORS);

    /** Values that are wrong somewhere: other types, YAML syntax, tags, anchors, extreme numbers. */
    private static final List<String> SCALARS = List.of("", "~", "null", "yes", "no", "on", "off", "0", "-1",
            "3.14", "1e-4", "0o17", "0x1F", "010", "0b102", "1_000", "1:30", "190:20:30.15", "2024-01-01",
            "2024-13-45 25:61:61", "'quoted'", "\"dq \\u0000 \\x41\"", "\"bad \\q\"", "|", ">-", "|+9", "[]", "{}",
            "[1, [2, {3: 4}]]", "{a: {b: {c: d}}}", "*undefined", "&anchor", "&a *a", "!!str", "!!map 1",
            "!!seq x", "!!python/object/apply:os.system ['id']", "!!binary AAA", "!!set {a, b}", "!!omap [a: 1]",
            "!custom x", "!<tag:yaml.org,2002:int> abc", "!!int abc", "!!float x", "!!bool maybe", "!!null x",
            "!!timestamp 2020-99-99", "@reserved", "`backtick", "%percent", "- item", "? key", ": value", "#",
            "a: b: c", "\"unterminated", "'unterminated", "[unclosed", "{unclosed", "]", "}", ".inf", "-.inf",
            ".nan", ".NaN", "-0.0", "9".repeat(400), "-" + "9".repeat(30), "1.0e+999", "-1.0e+999", "1.0e-999",
            "0x" + "f".repeat(300), "-0b" + "1".repeat(500), "1" + ":59".repeat(200), "0." + "0".repeat(500) + "1",
            "99999999999999999999999w", "9".repeat(25) + "d", "1.5.5h", ". s", "{parameters", "--x={bad}",
            "{v:.2f}", "{nope}", "{v!x}", "}{", "x".repeat(5_000), "\u202e\u0000", "\ud800", "\ufeff", "\u0085");

    private static final List<BiConsumer<Random, List<String>>> MUTATIONS = List.of(
            ValohaiConfigFuzzTest::deleteLine,
            ValohaiConfigFuzzTest::duplicateLine,
            ValohaiConfigFuzzTest::swapLines,
            ValohaiConfigFuzzTest::reindent,
            ValohaiConfigFuzzTest::insertTab,
            ValohaiConfigFuzzTest::randomScalar,
            ValohaiConfigFuzzTest::randomScalar,
            ValohaiConfigFuzzTest::scalarWhereMappingIsExpected,
            ValohaiConfigFuzzTest::mappingWhereScalarIsExpected,
            ValohaiConfigFuzzTest::deepNesting,
            ValohaiConfigFuzzTest::aliases,
            ValohaiConfigFuzzTest::oddCharacter,
            ValohaiConfigFuzzTest::flipCharacter,
            ValohaiConfigFuzzTest::truncate,
            ValohaiConfigFuzzTest::directive);

    private static final Jsonb JSONB = JsonbBuilder.create();

    @AfterAll
    static void closeJsonb() throws Exception {
        JSONB.close();
    }

    @Test
    void mutatedFilesGiveAConfigOrAConfigErrorWithALine() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            List<String> failures = new ArrayList<>();
            for (int i = 0; i < CASES; i++) {
                String text = mutant(new Random(SEED + i));
                check("case " + i, text).ifPresent(failures::add);
            }
            assertTrue(failures.isEmpty(), failures.size() + " of " + CASES + " cases failed:\n" + summary(failures));
        });
    }

    @Test
    void bombsNestingAndExtremeValuesAreReportedQuickly() {
        List<String> texts = List.of(
                laughs(12, 12),
                mergeBomb(12, 12),
                "- step:\n    name: s\n    image: i\n    command: c\n    parameters: " + "[".repeat(5_000)
                        + "]".repeat(5_000) + "\n",
                "- pipeline: " + "{a: ".repeat(3_000) + "x" + "}".repeat(3_000) + "\n",
                blockNesting(400),
                "- step: &s\n    name: s\n    image: i\n    command: c\n    description: *s\n",
                "- step:\n    <<: &m {<<: *m}\n    name: s\n",
                "- step: &loop {<<: *loop, name: s, image: i, command: c}\n",
                "- pipeline: &p {name: p, nodes: [*p], edges: [*p]}\n",
                "- step:\n    name: s\n    image: i\n    command: c\n    time-limit: 99999999999999999999999w\n",
                "- step:\n    name: s\n    image: i\n    command: c\n    time-limit: " + "9".repeat(30) + "\n",
                "- step:\n    name: s\n    image: i\n    command: c\n    no-output-timeout: 9223372036854775807.9\n",
                "- step:\n    name: s\n    image: i\n    command: c\n    parameters:\n      - name: p\n"
                        + "        type: float\n        default: .nan\n        choices: [.inf, -.inf]\n",
                "- pipeline: {name: p, nodes: [.nan, .inf], edges: [-.inf]}\n",
                "- step: {name: s, image: i, command: c}\u0000\n",
                "- step: {name: \"\ud800\", image: i, command: c}\n",
                "- step:\n\tname: s\n",
                new String(new byte[] {'-', ' ', (byte) 0xff, (byte) 0xfe, ':', ' ', (byte) 0xc3}, StandardCharsets.UTF_8),
                "- step: {name: s, image: i, command: " + "x".repeat(YamlCharacters.MAX_LINE_LENGTH - 40) + "}\n",
                "x".repeat(1 << 20),
                "# " + "#".repeat(1 << 20) + "\n",
                "- step:\n    name: s\n    description: \"" + "\\\"".repeat(300_000) + "\"\n");
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            List<String> failures = new ArrayList<>();
            for (int i = 0; i < texts.size(); i++) {
                check("extreme " + i, texts.get(i)).ifPresent(failures::add);
            }
            assertTrue(failures.isEmpty(), summary(failures));
        });
    }

    /** What is wrong with the parser's answer to {@code text}, if anything. */
    private static Optional<String> check(String name, String text) {
        long start = System.nanoTime();
        String problem = null;
        try {
            ValohaiConfig config = ValohaiConfigParser.parse("valohai.yaml", new StringReader(text));
            // The server stores steps as JSON and shows the rest: every part must serialise.
            for (Step step : config.steps()) {
                JSONB.toJson(step.toMap());
            }
            JSONB.toJson(Map.of("pipelines", config.pipelines().values().stream().map(Pipeline::data).toList(),
                    "endpoints", config.endpoints().values().stream().map(Endpoint::data).toList(),
                    "tasks", config.tasks().values().stream().map(TaskBlueprint::data).toList(),
                    "deployments", config.deployments()));
            config.warnings().forEach(ConfigProblem::message);
        } catch (ValohaiConfigException e) {
            if (e.line() < 1 || e.problem().isBlank()) {
                problem = "error without a line: " + e.getMessage();
            }
        } catch (Throwable e) {
            problem = e + "\n    at " + Arrays.stream(e.getStackTrace()).limit(8).map(String::valueOf)
                    .reduce((a, b) -> a + "\n    at " + b).orElse("");
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (problem == null && millis > SLOWEST_CASE.toMillis()) {
            problem = "took " + millis + " ms";
        }
        return Optional.ofNullable(problem).map(p -> name + ": " + p + "\n--- text (" + text.length() + " chars):\n"
                + shortened(text));
    }

    /** One example of each kind of failure, with how often it happened: a broken rule usually fails many cases. */
    private static String summary(List<String> failures) {
        Map<String, List<String>> byKind = new java.util.LinkedHashMap<>();
        for (String failure : failures) {
            String problem = failure.substring(failure.indexOf(": ") + 2);
            String kind = problem.substring(0, Math.min(70, problem.indexOf('\n') < 0 ? problem.length()
                    : problem.indexOf('\n')));
            byKind.computeIfAbsent(kind.replaceAll("[0-9]+", "N"), k -> new ArrayList<>()).add(failure);
        }
        StringBuilder text = new StringBuilder();
        byKind.forEach((kind, list) -> text.append("\n=== ").append(list.size()).append(" x ").append(kind)
                .append('\n').append(list.get(0)).append('\n'));
        return text.toString();
    }

    private static String shortened(String text) {
        return text.length() <= 600 ? text : text.substring(0, 600) + "\n[...]";
    }

    private static String mutant(Random random) {
        List<String> lines = new ArrayList<>(List.of(SEEDS.get(random.nextInt(SEEDS.size())).split("\n", -1)));
        int mutations = 1 + random.nextInt(4);
        for (int i = 0; i < mutations; i++) {
            MUTATIONS.get(random.nextInt(MUTATIONS.size())).accept(random, lines);
        }
        return String.join(random.nextInt(20) == 0 ? "\r\n" : "\n", lines);
    }

    private static int anyLine(Random random, List<String> lines) {
        return random.nextInt(lines.size());
    }

    private static void deleteLine(Random random, List<String> lines) {
        if (lines.size() > 1) {
            lines.remove(anyLine(random, lines));
        }
    }

    private static void duplicateLine(Random random, List<String> lines) {
        lines.add(anyLine(random, lines), lines.get(anyLine(random, lines)));
    }

    private static void swapLines(Random random, List<String> lines) {
        int a = anyLine(random, lines);
        int b = anyLine(random, lines);
        String line = lines.get(a);
        lines.set(a, lines.get(b));
        lines.set(b, line);
    }

    private static void reindent(Random random, List<String> lines) {
        int i = anyLine(random, lines);
        String line = lines.get(i);
        String body = line.stripLeading();
        int indent = Math.max(0, line.length() - body.length() + random.nextInt(9) - 4);
        lines.set(i, " ".repeat(indent) + body);
    }

    private static void insertTab(Random random, List<String> lines) {
        int i = anyLine(random, lines);
        String line = lines.get(i);
        int at = random.nextInt(line.length() + 1);
        lines.set(i, line.substring(0, at) + "\t" + line.substring(at));
    }

    /** Replaces what follows a key or a list dash with a value from {@link #SCALARS}. */
    private static void randomScalar(Random random, List<String> lines) {
        int i = anyLine(random, lines);
        String line = lines.get(i);
        int colon = line.indexOf(": ");
        int dash = line.indexOf("- ");
        int cut = colon >= 0 ? colon + 2 : dash >= 0 ? dash + 2 : line.length();
        lines.set(i, line.substring(0, cut) + SCALARS.get(random.nextInt(SCALARS.size())));
    }

    /** A key that opens a block (a mapping or list below it) gets a scalar as well. */
    private static void scalarWhereMappingIsExpected(Random random, List<String> lines) {
        List<Integer> openers = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).stripTrailing().endsWith(":")) {
                openers.add(i);
            }
        }
        if (openers.isEmpty()) {
            return;
        }
        int i = openers.get(random.nextInt(openers.size()));
        String scalar = SCALARS.get(random.nextInt(SCALARS.size()));
        if (random.nextBoolean()) {
            lines.set(i, lines.get(i).stripTrailing() + " " + scalar);
            return;
        }
        // Or the block is dropped entirely, leaving only the scalar.
        String opener = lines.get(i);
        int indent = opener.length() - opener.stripLeading().length();
        lines.set(i, opener.stripTrailing() + " " + scalar);
        while (i + 1 < lines.size() && lines.get(i + 1).length() - lines.get(i + 1).stripLeading().length() > indent) {
            lines.remove(i + 1);
        }
    }

    private static void mappingWhereScalarIsExpected(Random random, List<String> lines) {
        int i = anyLine(random, lines);
        String line = lines.get(i);
        int colon = line.indexOf(": ");
        if (colon < 0) {
            return;
        }
        String[] values = {"{a: 1, b: [2]}", "[x, y]", "{name: {name: x}}", "[{}]", "{? [a]: b}",
            "{[1, 2]: 3}", "{name: x, name: y}"};
        lines.set(i, line.substring(0, colon + 2) + values[random.nextInt(values.length)]);
    }

    private static void deepNesting(Random random, List<String> lines) {
        int depth = 10 + random.nextInt(random.nextBoolean() ? 100 : 3_000);
        int i = anyLine(random, lines);
        String line = lines.get(i);
        int colon = line.indexOf(": ");
        String prefix = colon >= 0 ? line.substring(0, colon + 2) : line + " ";
        String nested = switch (random.nextInt(3)) {
            case 0 -> "[".repeat(depth) + "]".repeat(depth);
            case 1 -> "{a: ".repeat(depth) + "b" + "}".repeat(depth);
            default -> "[{a: ".repeat(depth / 2) + "b" + "}]".repeat(depth / 2);
        };
        lines.set(i, prefix + nested);
        if (random.nextInt(4) == 0) {
            lines.add(blockNesting(10 + random.nextInt(200)));
        }
    }

    /** Anchors and aliases: undefined, recursive, on keys, and exponential ones. */
    private static void aliases(Random random, List<String> lines) {
        switch (random.nextInt(5)) {
            case 0 -> lines.add(0, laughs(2 + random.nextInt(9), 2 + random.nextInt(12)));
            case 1 -> lines.add(0, mergeBomb(2 + random.nextInt(9), 2 + random.nextInt(12)));
            case 2 -> {
                int i = anyLine(random, lines);
                lines.set(i, lines.get(i) + " &a" + random.nextInt(3));
                int j = anyLine(random, lines);
                String line = lines.get(j);
                int colon = line.indexOf(": ");
                lines.set(j, (colon >= 0 ? line.substring(0, colon + 2) : line + " ") + "*a" + random.nextInt(3));
            }
            case 3 -> {
                int i = anyLine(random, lines);
                lines.add(i, lines.get(i).replaceAll("\\S.*", "<<: *base"));
            }
            default -> {
                int i = anyLine(random, lines);
                lines.set(i, lines.get(i).replaceFirst("([\\w-]+):", "? &k $1\n: *k"));
            }
        }
    }

    private static final String[] ODD = {"\u0000", "\u0001", "\u0007", "\u001b", "\u007f", "\u0085", "\u2028",
        "\u2029", "\ufeff", "\ufffe", "\uffff", "\ud800", "\udfff", "\ud83d\ude00", "\r", "\r\n", "\t", "\u00a0",
        "\\", "'", "\"", "\u00ff\u00fe"};

    private static void oddCharacter(Random random, List<String> lines) {
        int i = anyLine(random, lines);
        String line = lines.get(i);
        int at = random.nextInt(line.length() + 1);
        String odd = random.nextInt(3) == 0 ? invalidUtf8(random) : ODD[random.nextInt(ODD.length)];
        lines.set(i, line.substring(0, at) + odd + line.substring(at));
    }

    /** Bytes that are not UTF-8, decoded as the server decodes an uploaded file. */
    private static String invalidUtf8(Random random) {
        byte[] bytes = new byte[1 + random.nextInt(4)];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (0x80 + random.nextInt(0x80));
        }
        return new String(bytes, random.nextBoolean() ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    }

    private static void flipCharacter(Random random, List<String> lines) {
        int i = anyLine(random, lines);
        String line = lines.get(i);
        if (line.isEmpty()) {
            return;
        }
        String indicators = ":-?[]{},#&*!|>'\"%@`";
        int at = random.nextInt(line.length());
        lines.set(i, line.substring(0, at) + indicators.charAt(random.nextInt(indicators.length()))
                + line.substring(at + 1));
    }

    private static void truncate(Random random, List<String> lines) {
        int i = anyLine(random, lines);
        String line = lines.get(i);
        lines.set(i, line.substring(0, random.nextInt(line.length() + 1)));
        lines.subList(i + 1, lines.size()).clear();
    }

    private static void directive(Random random, List<String> lines) {
        String[] directives = {"---", "...", "%YAML 1.1", "%YAML 2.0", "%TAG ! tag:example.com,2000:", "--- |",
            "--- !!map", "%FOO bar", "--- &x", "---\n- step: *x"};
        lines.add(anyLine(random, lines), directives[random.nextInt(directives.length)]);
    }

    /** The "billion laughs": each level is a list of {@code width} aliases of the level below. */
    static String laughs(int levels, int width) {
        StringBuilder text = new StringBuilder("- defs:\n    l0: &l0 [lol]\n");
        for (int level = 1; level <= levels; level++) {
            text.append("    l").append(level).append(": &l").append(level).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(width, "*l" + (level - 1))))
                    .append("]\n");
        }
        text.append("- pipeline: {name: p, nodes: *l").append(levels).append(", edges: *l").append(levels)
                .append("}\n");
        text.append("- step: {name: s, image: i, command: c, mounts: [{source: /a, destination: /b, options: {x: *l")
                .append(levels).append("}}]}\n");
        return text.toString();
    }

    /** Merge keys whose every level merges {@code width} copies of the level below. */
    static String mergeBomb(int levels, int width) {
        StringBuilder text = new StringBuilder("- defs:\n    m0: &m0 {image: busybox}\n");
        for (int level = 1; level <= levels; level++) {
            text.append("    m").append(level).append(": &m").append(level).append(" {<<: [")
                    .append(String.join(", ", java.util.Collections.nCopies(width, "*m" + (level - 1))))
                    .append("]}\n");
        }
        text.append("- step: {<<: *m").append(levels).append(", name: s, command: c}\n");
        return text.toString();
    }

    private static String blockNesting(int depth) {
        StringBuilder text = new StringBuilder("- pipeline:\n");
        for (int level = 1; level <= depth; level++) {
            text.append("  ".repeat(level)).append("a:\n");
        }
        return text.append("  ".repeat(depth + 1)).append("b\n").toString();
    }
}
