package io.lathe.server.valohai;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Reads a {@code valohai.yaml}: a YAML list whose items are one-key mappings ({@code - step: ...},
 * {@code - pipeline: ...}, {@code - endpoint: ...}, {@code - task: ...}, {@code - deployment: ...}; {@code blueprint}
 * is another name for {@code pipeline}). YAML is read as YAML 1.1, the way PyYAML reads it on Valohai.
 *
 * <p>Errors name the file and the line: {@code valohai.yaml line 12: step 'train', parameter 'lr': type must be one
 * of string, integer, float, flag (got 'double')}. Reading goes on after an error so that all of them are reported
 * at once. What Valohai only warns about (unknown item kinds, repeated names, questionable defaults) becomes
 * {@link ValohaiConfig#warnings()}.
 *
 * <p>Stateless and thread-safe.
 */
public final class ValohaiConfigParser {

    private static final List<String> KINDS = List.of("step", "pipeline", "blueprint", "endpoint", "task",
            "deployment");

    private ValohaiConfigParser() {
    }

    /**
     * Parses a whole file.
     *
     * @param fileName the name to give in messages, e.g. {@code valohai.yaml}
     * @param reader the file's text; read to the end, not closed
     * @return the config; an empty file gives an empty config
     * @throws ValohaiConfigException with every error found, in file order
     */
    public static ValohaiConfig parse(String fileName, Reader reader) throws ValohaiConfigException {
        requireNonNull(fileName, "fileName");
        requireNonNull(reader, "reader");
        Node root = compose(fileName, reader);
        if (root == null || YamlValues.isNull(root)) {
            return ValohaiConfig.empty();
        }
        Problems problems = new Problems(fileName);
        ValohaiConfig config = new TopLevel(problems).read(root);
        if (problems.hasErrors()) {
            throw new ValohaiConfigException(problems.errors());
        }
        return config;
    }

    private static Node compose(String fileName, Reader reader) throws ValohaiConfigException {
        String text = readAll(reader);
        Optional<ConfigProblem> forbidden = YamlCharacters.firstForbidden(fileName, text);
        if (forbidden.isPresent()) {
            throw new ValohaiConfigException(List.of(forbidden.get()));
        }
        LoaderOptions options = new LoaderOptions();
        // SnakeYAML's default of 50 is low for files that share parameter lists between many steps; the expansion
        // such sharing could cause is bounded when values are copied (see YamlValues).
        options.setMaxAliasesForCollections(1_000);
        LastEventParser parser = new LastEventParser(new ParserImpl(new StreamReader(text), options));
        try {
            return new Composer(parser, new PyYamlResolver(), options).getSingleNode();
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            int line = mark == null ? parser.line() : mark.getLine() + 1;
            throw new ValohaiConfigException(List.of(new ConfigProblem(fileName, line, syntaxProblem(e, line))));
        } catch (YAMLException e) {
            // Limits such as the nesting depth come without a position: the event read last is where it failed.
            throw new ValohaiConfigException(List.of(new ConfigProblem(fileName, parser.line(),
                    "cannot be read as YAML: " + e.getMessage())));
        }
    }

    private static String readAll(Reader reader) {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[8192];
        try {
            for (int read; (read = reader.read(buffer)) >= 0; ) {
                text.append(buffer, 0, read);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the YAML text", e);
        }
        return text.toString();
    }

    /** Passes events on and remembers the line of the last one. */
    private static final class LastEventParser implements Parser {

        private final Parser parser;
        private Mark last;

        LastEventParser(Parser parser) {
            this.parser = parser;
        }

        @Override
        public boolean checkEvent(Event.ID choice) {
            return parser.checkEvent(choice);
        }

        @Override
        public Event peekEvent() {
            return remember(parser.peekEvent());
        }

        @Override
        public Event getEvent() {
            return remember(parser.getEvent());
        }

        private Event remember(Event event) {
            if (event != null && event.getStartMark() != null) {
                last = event.getStartMark();
            }
            return event;
        }

        /** The 1-based line of the last event, or 1 before the first. */
        int line() {
            return last == null ? 1 : last.getLine() + 1;
        }
    }

    private static String syntaxProblem(MarkedYAMLException e, int line) {
        String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
        StringBuilder text = new StringBuilder("invalid YAML: ").append(problem);
        Mark contextMark = e.getContextMark();
        if (e.getProblem() != null && e.getContext() != null) {
            text.append(" (").append(e.getContext());
            if (contextMark != null && contextMark.getLine() + 1 != line) {
                text.append(" that starts on line ").append(contextMark.getLine() + 1);
            }
            text.append(')');
        }
        if (problem != null && (problem.contains("mapping values are not allowed")
                || problem.contains("expected <block end>") || problem.contains("could not find expected ':'"))) {
            text.append("; check the indentation");
        }
        return text.toString();
    }

    /** Reads the items of the top-level list. */
    private static final class TopLevel {

        private final Problems problems;
        private final YamlValues values;
        private final Map<String, Step> steps = new LinkedHashMap<>();
        private final Map<String, Pipeline> pipelines = new LinkedHashMap<>();
        private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();
        private final Map<String, TaskBlueprint> tasks = new LinkedHashMap<>();
        private final Map<String, Map<String, Object>> deployments = new LinkedHashMap<>();
        /** Task blueprints refer to steps and pipelines to all three, which may come later in the file. */
        private final List<Node[]> taskItems = new ArrayList<>();
        private final List<Node[]> pipelineItems = new ArrayList<>();
        /** The names of step, task and endpoint items, with errors or without, by kind. */
        private final Map<String, Set<String>> declared = new HashMap<>();

        TopLevel(Problems problems) {
            this.problems = problems;
            this.values = new YamlValues(problems);
        }

        ValohaiConfig read(Node root) {
            if (!(root instanceof SequenceNode list)) {
                problems.error(root, "the file must be a list of items, each starting with '- ' as in '- step:'"
                        + " (got " + values.describe(root) + ")");
                return ValohaiConfig.empty();
            }
            for (Node item : list.getValue()) {
                YamlMapping.of(item, null, "each item of the file", " such as 'step: ...'", problems, values)
                        .ifPresent(this::readItem);
            }
            for (Node[] task : taskItems) {
                new TaskBlueprintReader(problems, values, steps, declared.getOrDefault("step", Set.of()))
                        .read(task[0], task[1])
                        .ifPresent(blueprint -> keep(tasks, "task", blueprint.name(), blueprint, task[1]));
            }
            PipelineReferences references = new PipelineReferences(steps, tasks, endpoints, declared);
            for (Node[] pipeline : pipelineItems) {
                new PipelineReader(problems, values, references).read(pipeline[0], pipeline[1])
                        .ifPresent(read -> keep(pipelines, "pipeline", read.name(), read, pipeline[1]));
            }
            return new ValohaiConfig(new ArrayList<>(steps.values()), pipelines, endpoints, tasks, deployments,
                    problems.warnings());
        }

        private void readItem(YamlMapping item) {
            Optional<String> kind = item.keys().stream().filter(KINDS::contains).findFirst();
            if (kind.isEmpty()) {
                String keys = item.keys().isEmpty() ? "an empty item" : "'" + String.join("', '", item.keys()) + "'";
                problems.warning(item.node(), "unknown item " + keys + " is ignored; the known kinds are "
                        + String.join(", ", KINDS));
                return;
            }
            List<String> others = item.keys().stream().filter(key -> !key.equals(kind.get())).toList();
            Node key = item.keyNode(kind.get());
            Node value = item.value(kind.get());
            YamlMapping.nameOf(value).ifPresent(name -> declared.computeIfAbsent(kind.get(), k -> new HashSet<>())
                    .add(name));
            if (!others.isEmpty() && YamlValues.isNull(value)) {
                problems.error(key, kind.get() + " is empty, and " + String.join(", ", others) + " are beside it"
                        + " instead of inside it; indent them under '" + kind.get() + ":'");
                return;
            }
            if (!others.isEmpty()) {
                problems.warning(item.keyNode(others.get(0)), "only '" + kind.get() + "' is read from this item;"
                        + " the other keys (" + String.join(", ", others) + ") are ignored");
            }
            switch (kind.get()) {
                case "step" -> new StepReader(problems, values).read(value, key)
                        .ifPresent(step -> keep(steps, "step", step.name(), step, key));
                case "pipeline", "blueprint" -> pipelineItems.add(new Node[] {value, key});
                case "endpoint" -> new EndpointReader(problems, values).read(value, key)
                        .ifPresent(endpoint -> keep(endpoints, "endpoint", endpoint.name(), endpoint, key));
                case "task" -> taskItems.add(new Node[] {value, key});
                default -> readRaw("deployment", value, key, deployments);
            }
        }

        /** Keeps a deployment as plain data, after checking that it has a name. */
        private void readRaw(String kind, Node value, Node key, Map<String, Map<String, Object>> into) {
            Optional<YamlMapping> read = YamlMapping.ofNamed(value, key, kind, "", problems, values);
            if (read.isEmpty()) {
                return;
            }
            YamlMapping mapping = read.get();
            int errorsBefore = problems.errorCount();
            Optional<String> name = mapping.requiredText("name");
            Map<String, Object> plain = mapping.plainMap();
            if (name.isPresent() && problems.errorCount() == errorsBefore) {
                keep(into, kind, name.get(), plain, key);
            }
        }

        private <T> void keep(Map<String, T> into, String kind, String name, T item, Node at) {
            if (into.containsKey(name)) {
                problems.warning(at, "duplicate " + kind + " name '" + name + "'; the later one is used");
            }
            into.put(name, item);
        }
    }
}
