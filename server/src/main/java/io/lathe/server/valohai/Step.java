package io.lathe.server.valohai;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code step} of {@code valohai.yaml}: what an execution runs. Lists keep the file's order, which matters: the
 * parameters' order is the order of {@code {parameters}} on the command line.
 *
 * @param name unique name (a repeated name is a warning; the later step wins)
 * @param image the container image
 * @param command shell commands, run in order; placeholders not yet interpolated (see {@link CommandBuilder})
 * @param parameters declared parameters
 * @param inputs declared inputs
 * @param outputs declared outputs (informational)
 * @param mounts each either {@code "/src:/dst"} text or a mapping {@code {source, destination, readonly, type,
 *     options}}
 * @param cacheVolumes Kubernetes volume claims used as extra input cache
 * @param environment default environment: an id, or part of an environment's name or slug
 * @param environmentVariables declared environment variables
 * @param environmentVariableGroups names of project or organisation variable groups to include
 * @param timeLimit hard limit on the run time; empty for none
 * @param noOutputTimeout stop when nothing is logged for this long; empty for the platform default
 * @param resources Kubernetes requests: {@code cpu: {min, max}}, {@code memory: {min, max}} (MB),
 *     {@code devices: {name: count}}; empty when not set
 * @param runtimeConfigPreset id or slug of a runtime configuration preset
 * @param uploadStore name or id of the data store outputs go to
 * @param stopCondition expression that stops the execution early, e.g. {@code metadata.loss < 0.1}
 * @param autorestart whether to restart on spot-instance loss; empty when not set
 * @param description help text
 * @param icon URL of an icon
 * @param category grouping in the console
 * @param sourcePath the source file the step comes from; {@code {source-path}} in commands
 */
public record Step(
        String name,
        String image,
        List<String> command,
        List<Parameter> parameters,
        List<Input> inputs,
        List<Output> outputs,
        List<Object> mounts,
        List<String> cacheVolumes,
        Optional<String> environment,
        List<EnvironmentVariable> environmentVariables,
        List<String> environmentVariableGroups,
        Optional<Duration> timeLimit,
        Optional<Duration> noOutputTimeout,
        Map<String, Object> resources,
        Optional<String> runtimeConfigPreset,
        Optional<String> uploadStore,
        Optional<String> stopCondition,
        Optional<Boolean> autorestart,
        Optional<String> description,
        Optional<String> icon,
        Optional<String> category,
        Optional<String> sourcePath) {

    /** Checks for nulls and makes unmodifiable copies that keep the order. */
    public Step {
        requireNonNull(name, "name");
        requireNonNull(image, "image");
        command = List.copyOf(command);
        parameters = List.copyOf(parameters);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        mounts = Plain.freezeList(mounts);
        cacheVolumes = List.copyOf(cacheVolumes);
        requireNonNull(environment, "environment");
        environmentVariables = List.copyOf(environmentVariables);
        environmentVariableGroups = List.copyOf(environmentVariableGroups);
        requireNonNull(timeLimit, "timeLimit");
        requireNonNull(noOutputTimeout, "noOutputTimeout");
        resources = Plain.freezeMap(resources);
        requireNonNull(runtimeConfigPreset, "runtimeConfigPreset");
        requireNonNull(uploadStore, "uploadStore");
        requireNonNull(stopCondition, "stopCondition");
        requireNonNull(autorestart, "autorestart");
        requireNonNull(description, "description");
        requireNonNull(icon, "icon");
        requireNonNull(category, "category");
        requireNonNull(sourcePath, "sourcePath");
    }

    /** The parameter called {@code parameterName}, if the step declares one. */
    public Optional<Parameter> parameter(String parameterName) {
        return parameters.stream().filter(parameter -> parameter.name().equals(parameterName)).findFirst();
    }

    /** {@code stop-condition} parsed; the parser checked it when the file was read, so it parses. */
    public Optional<Expression> stopConditionExpression() {
        return stopCondition.map(ExpressionParser::parse);
    }

    /** The input called {@code inputName}, if the step declares one. */
    public Optional<Input> input(String inputName) {
        return inputs.stream().filter(input -> input.name().equals(inputName)).findFirst();
    }

    /**
     * The step as JSON-ready data in {@code valohai.yaml}'s key names and order, leaving out what is unset; durations
     * become whole seconds, as valohai-yaml serializes them.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", name);
        map.put("image", image);
        map.put("command", command);
        Plain.putIfNotEmpty(map, "parameters", parameters.stream().map(Parameter::toMap).toList());
        Plain.putIfNotEmpty(map, "inputs", inputs.stream().map(Input::toMap).toList());
        Plain.putIfNotEmpty(map, "outputs", outputs.stream().map(Output::toMap).toList());
        Plain.putIfNotEmpty(map, "mounts", mounts);
        Plain.putIfNotEmpty(map, "cache-volumes", cacheVolumes);
        Plain.putIfPresent(map, "environment", environment);
        Plain.putIfPresent(map, "autorestart", autorestart);
        Plain.putIfPresent(map, "runtime-config-preset", runtimeConfigPreset);
        Plain.putIfNotEmpty(map, "environment-variables",
                environmentVariables.stream().map(EnvironmentVariable::toMap).toList());
        Plain.putIfNotEmpty(map, "environment-variable-groups", environmentVariableGroups);
        Plain.putIfPresent(map, "description", description);
        Plain.putIfPresent(map, "time-limit", timeLimit.map(Duration::getSeconds));
        Plain.putIfPresent(map, "no-output-timeout", noOutputTimeout.map(Duration::getSeconds));
        Plain.putIfPresent(map, "icon", icon);
        Plain.putIfPresent(map, "category", category);
        Plain.putIfPresent(map, "source-path", sourcePath);
        if (!resources.isEmpty()) {
            map.put("resources", resources);
        }
        Plain.putIfPresent(map, "stop-condition", stopCondition);
        Plain.putIfPresent(map, "upload-store", uploadStore);
        return map;
    }
}
