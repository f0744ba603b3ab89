package io.lathe.server.valohai;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a pipeline node changes of its step. Parameters, inputs and environment variables are merged with the step's
 * by name, the override winning; each is kept as its mapping as written ({@code {name: dataset}} with nothing else
 * clears a step's default input so that an edge supplies it).
 *
 * @param image the Docker image instead of the step's
 * @param command the commands instead of the step's
 * @param environment the environment instead of the step's
 * @param runtimeConfigPreset the runtime config preset instead of the step's
 * @param parameters by name: the parameter's keys as written
 * @param inputs by name: the input's keys as written
 * @param environmentVariables by name: the variable's keys as written
 * @param mounts the mounts instead of the step's, as written
 * @param autorestart whether the execution restarts after a spot instance is taken away, instead of the step's
 */
public record NodeOverride(
        Optional<String> image,
        Optional<List<String>> command,
        Optional<String> environment,
        Optional<String> runtimeConfigPreset,
        Map<String, Map<String, Object>> parameters,
        Map<String, Map<String, Object>> inputs,
        Map<String, Map<String, Object>> environmentVariables,
        Optional<List<Object>> mounts,
        Optional<Boolean> autorestart) {

    /** The keys an override may have: those of valohai-yaml's overridden properties. */
    public static final List<String> KEYS = List.of("image", "command", "environment", "runtime-config-preset",
            "parameters", "inputs", "environment-variables", "mounts", "autorestart");

    public NodeOverride {
        requireNonNull(image, "image");
        command = requireNonNull(command, "command").map(List::copyOf);
        requireNonNull(environment, "environment");
        requireNonNull(runtimeConfigPreset, "runtimeConfigPreset");
        parameters = freeze(parameters);
        inputs = freeze(inputs);
        environmentVariables = freeze(environmentVariables);
        mounts = requireNonNull(mounts, "mounts").map(Plain::freezeList);
        requireNonNull(autorestart, "autorestart");
    }

    /** An override that changes nothing. */
    public static NodeOverride none() {
        return new NodeOverride(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Map.of(),
                Map.of(), Map.of(), Optional.empty(), Optional.empty());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> freeze(Map<String, Map<String, Object>> items) {
        return (Map<String, Map<String, Object>>) (Map<String, ?>) Plain.freezeMap(requireNonNull(items, "items"));
    }
}
