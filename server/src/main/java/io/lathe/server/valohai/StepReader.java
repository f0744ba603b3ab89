package io.lathe.server.valohai;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reads one {@code step} item; the keys it allows are those of valohai-yaml's step schema. */
final class StepReader {

    static final List<String> KEYS = List.of("name", "image", "command", "parameters", "inputs", "outputs",
            "mounts", "cache-volumes", "environment", "environment-variables", "environment-variable-groups",
            "time-limit", "no-output-timeout", "resources", "runtime-config-preset", "upload-store",
            "stop-condition", "autorestart", "description", "icon", "category", "source-path");
    private static final int MAX_UPLOAD_STORE_LENGTH = 64;
    /** Lathe keeps an execution's step name and image in columns of these sizes; valohai-yaml sets no limit. */
    static final int MAX_NAME_LENGTH = 200;
    static final int MAX_IMAGE_LENGTH = 500;

    private final Problems problems;
    private final YamlValues values;

    StepReader(Problems problems, YamlValues values) {
        this.problems = problems;
        this.values = values;
    }

    /**
     * @param value the node under {@code step:}
     * @param key the {@code step} key, whose line is reported for missing keys
     * @return the step, or empty when it has errors (which are reported)
     */
    Optional<Step> read(Node value, Node key) {
        Optional<YamlMapping> read = YamlMapping.ofNamed(value, key, "step", " with name, image and command", problems,
                values);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        YamlMapping step = read.get();
        int errorsBefore = problems.errorCount();
        Optional<String> name = step.requiredText("name");
        step.allowOnly(KEYS);
        Optional<String> image = step.requiredText("image");
        checkLength(step, "name", name, MAX_NAME_LENGTH);
        checkLength(step, "image", image, MAX_IMAGE_LENGTH);
        List<String> command = command(step);
        List<Parameter> parameters = new ParameterReader(problems, values).readAll(step);
        List<Input> inputs = new InputReader(problems, values).readAll(step);
        StepPartsReader parts = new StepPartsReader(problems, values);
        Optional<String> environment = step.text("environment");
        Optional<String> runtimeConfigPreset = step.text("runtime-config-preset");
        Optional<Boolean> autorestart = step.bool("autorestart");
        step.condition("stop-condition");
        checkNeedsEnvironment(step, environment, runtimeConfigPreset.isPresent(), "runtime-config-preset");
        checkNeedsEnvironment(step, environment, autorestart.orElse(false), "autorestart");
        Step result = new Step(
                name.orElse(""),
                image.orElse(""),
                command,
                parameters,
                inputs,
                parts.outputs(step),
                parts.mounts(step),
                step.textList("cache-volumes"),
                environment,
                parts.environmentVariables(step),
                step.textList("environment-variable-groups"),
                duration(step, "time-limit"),
                duration(step, "no-output-timeout"),
                parts.resources(step),
                runtimeConfigPreset,
                uploadStore(step),
                step.text("stop-condition"),
                autorestart,
                step.text("description"),
                step.text("icon"),
                step.text("category"),
                step.text("source-path"));
        return problems.errorCount() == errorsBefore ? Optional.of(result) : Optional.empty();
    }

    /** {@code command}: text, or a list of texts that run one after another. */
    private List<String> command(YamlMapping step) {
        if (!step.require("command")) {
            return List.of();
        }
        Node value = step.value("command");
        if (YamlValues.isText(value)) {
            return List.of(((ScalarNode) value).getValue());
        }
        if (value instanceof SequenceNode sequence) {
            List<String> commands = new ArrayList<>();
            for (Node item : sequence.getValue()) {
                if (YamlValues.isText(item)) {
                    commands.add(((ScalarNode) item).getValue());
                } else {
                    problems.error(item, step.where() + ": every command must be text (got "
                            + values.describeForText(item) + ")");
                }
            }
            return commands;
        }
        problems.error(value, step.where() + ": command must be text or a list of texts (got "
                + values.describeForText(value) + ")");
        return List.of();
    }

    private Optional<Duration> duration(YamlMapping step, String key) {
        Node value = step.value(key);
        if (value == null) {
            return Optional.empty();
        }
        try {
            if (value instanceof ScalarNode scalar) {
                return Durations.parse(values.scalar(scalar));
            }
            problems.error(value, step.where() + ": " + key + " must be whole seconds or a duration such as"
                    + " '1h 30m' (got " + values.describe(value) + ")");
        } catch (IllegalArgumentException e) {
            problems.error(value, step.where() + ": " + key + " " + e.getMessage());
        }
        return Optional.empty();
    }

    private Optional<String> uploadStore(YamlMapping step) {
        Optional<String> store = step.text("upload-store");
        int length = store.map(text -> text.codePointCount(0, text.length())).orElse(0);
        if (length > MAX_UPLOAD_STORE_LENGTH) {
            problems.error(step.value("upload-store"), step.where() + ": upload-store is " + length
                    + " characters long; the limit is " + MAX_UPLOAD_STORE_LENGTH);
            return Optional.empty();
        }
        return store;
    }

    private void checkLength(YamlMapping step, String key, Optional<String> text, int max) {
        if (text.isPresent() && text.get().length() > max) {
            problems.error(step.value(key), step.where() + ": " + key + " is " + text.get().length()
                    + " characters long; Lathe keeps at most " + max);
        }
    }

    /** valohai-yaml's linter rejects these settings without an environment, as they depend on one. */
    private void checkNeedsEnvironment(YamlMapping step, Optional<String> environment, boolean used, String key) {
        if (used && environment.isEmpty()) {
            problems.error(step.keyNode(key), step.where() + ": " + key + " needs an environment as well;"
                    + " add 'environment:' with the environment's id or name");
        }
    }
}
