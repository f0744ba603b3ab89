package io.lathe.server.valohai;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Reads the smaller lists and mappings of a step: outputs, mounts, environment variables and resources. */
final class StepPartsReader {

    private static final Pattern MOUNT_TEXT = Pattern.compile("^/.+:/.+$");
    private static final Pattern ABSOLUTE_PATH = Pattern.compile("^/.+$");

    private final Problems problems;
    private final YamlValues values;

    StepPartsReader(Problems problems, YamlValues values) {
        this.problems = problems;
        this.values = values;
    }

    /** {@code outputs}: mappings with a name and a description; a bare name is accepted as older files use it. */
    List<Output> outputs(YamlMapping step) {
        List<Output> outputs = new ArrayList<>();
        for (Node item : step.list("outputs").orElse(List.of())) {
            if (YamlValues.isText(item)) {
                outputs.add(new Output(((ScalarNode) item).getValue(), Optional.empty()));
                continue;
            }
            YamlMapping.ofNamed(item, null, step.where() + ", output", " with a name", problems, values)
                    .ifPresent(output -> {
                        output.allowOnly(List.of("name", "description"));
                        Optional<String> name = output.requiredText("name");
                        Optional<String> description = output.text("description");
                        name.ifPresent(text -> outputs.add(new Output(text, description)));
                    });
        }
        return outputs;
    }

    /** {@code mounts}: {@code "/source:/destination"} text, or a mapping; kept as plain data. */
    List<Object> mounts(YamlMapping step) {
        List<Object> mounts = new ArrayList<>();
        for (Node item : step.list("mounts").orElse(List.of())) {
            if (YamlValues.isText(item)) {
                String text = ((ScalarNode) item).getValue();
                if (MOUNT_TEXT.matcher(text).matches()) {
                    mounts.add(text);
                } else {
                    problems.error(item, step.where() + ": mount '" + text + "' must be '/source:/destination',"
                            + " both absolute paths");
                }
                continue;
            }
            YamlMapping.of(item, null, step.where() + ", mount", " or '/source:/destination'", problems, values)
                    .ifPresent(mount -> mount(mount).ifPresent(mounts::add));
        }
        return mounts;
    }

    private Optional<Map<String, Object>> mount(YamlMapping mount) {
        int errorsBefore = problems.errorCount();
        mount.allowOnly(List.of("source", "destination", "readonly", "type", "options"));
        Map<String, Object> map = new LinkedHashMap<>();
        mount.requiredText("source").ifPresent(source -> map.put("source", source));
        mount.requiredText("destination").ifPresent(destination -> {
            if (ABSOLUTE_PATH.matcher(destination).matches()) {
                map.put("destination", destination);
            } else {
                problems.error(mount.value("destination"), mount.where() + ": destination '" + destination
                        + "' must be an absolute path");
            }
        });
        mount.bool("readonly").ifPresent(readonly -> map.put("readonly", readonly));
        mount.text("type").ifPresent(type -> map.put("type", type));
        if (mount.has("options") && !YamlValues.isNull(mount.value("options"))) {
            YamlMapping.of(mount.value("options"), null, mount.where() + ", options", "", problems, values)
                    .ifPresent(options -> map.put("options", options.plainMap()));
        }
        return problems.errorCount() == errorsBefore ? Optional.of(map) : Optional.empty();
    }

    /**
     * {@code environment-variables}: name, default, optional (true unless set), description. A default written as a
     * number or boolean is taken as the text it was written as, since a variable's value is text anyway.
     */
    List<EnvironmentVariable> environmentVariables(YamlMapping step) {
        List<EnvironmentVariable> variables = new ArrayList<>();
        for (Node item : step.list("environment-variables").orElse(List.of())) {
            YamlMapping.ofNamed(item, null, step.where() + ", environment variable", " with a name", problems,
                    values)
                    .ifPresent(variable -> {
                        variable.allowOnly(List.of("name", "default", "optional", "description"));
                        Optional<String> name = variable.requiredText("name");
                        Optional<String> defaultValue = scalarText(variable, "default");
                        boolean optional = variable.bool("optional").orElse(true);
                        Optional<String> description = variable.text("description");
                        name.ifPresent(text -> variables.add(
                                new EnvironmentVariable(text, defaultValue, optional, description)));
                    });
        }
        return variables;
    }

    private Optional<String> scalarText(YamlMapping mapping, String key) {
        Node value = mapping.value(key);
        if (value == null || YamlValues.isNull(value)) {
            return Optional.empty();
        }
        if (value instanceof ScalarNode scalar) {
            return Optional.of(scalar.getValue());
        }
        problems.error(value, mapping.where() + ": " + key + " must be text (got " + values.describe(value) + ")");
        return Optional.empty();
    }

    /** {@code resources}: {@code cpu} and {@code memory} with min and max, {@code devices} with counts. */
    Map<String, Object> resources(YamlMapping step) {
        Map<String, Object> resources = new LinkedHashMap<>();
        Node value = step.value("resources");
        if (value == null || YamlValues.isNull(value)) {
            return resources;
        }
        YamlMapping.of(value, null, step.where() + ", resources", " with cpu, memory or devices", problems, values)
                .ifPresent(mapping -> {
                    mapping.allowOnly(List.of("cpu", "memory", "devices"));
                    range(mapping, "cpu").ifPresent(cpu -> resources.put("cpu", cpu));
                    range(mapping, "memory").ifPresent(memory -> resources.put("memory", memory));
                    devices(mapping).ifPresent(devices -> resources.put("devices", devices));
                });
        return resources;
    }

    private Optional<Map<String, Object>> range(YamlMapping resources, String key) {
        Node value = resources.value(key);
        if (value == null || YamlValues.isNull(value)) {
            return Optional.empty();
        }
        return YamlMapping.of(value, null, resources.where() + ", " + key, " with min and max", problems, values)
                .map(range -> {
                    range.allowOnly(List.of("min", "max"));
                    Map<String, Object> map = new LinkedHashMap<>();
                    range.number("min").ifPresent(min -> map.put("min", min));
                    range.number("max").ifPresent(max -> map.put("max", max));
                    return map;
                });
    }

    /** {@code devices: {}} is kept: it clears the devices an environment would add by default. */
    private Optional<Map<String, Object>> devices(YamlMapping resources) {
        Node value = resources.value("devices");
        if (value == null || YamlValues.isNull(value)) {
            return Optional.empty();
        }
        return YamlMapping.of(value, null, resources.where() + ", devices", " such as 'nvidia.com/gpu: 1'",
                problems, values).map(devices -> {
                    Map<String, Object> map = new LinkedHashMap<>();
                    for (String device : devices.keys()) {
                        devices.number(device).ifPresent(count -> {
                            boolean atLeastOne = Numbers.exact(count)
                                    .map(exact -> exact.compareTo(BigDecimal.ONE) >= 0).orElse(false);
                            if (atLeastOne) {
                                map.put(device, count);
                            } else {
                                problems.error(devices.value(device), devices.where() + ": " + device
                                        + " must be at least 1 (got " + Numbers.display(count) + ")");
                            }
                        });
                    }
                    return map;
                });
    }
}
