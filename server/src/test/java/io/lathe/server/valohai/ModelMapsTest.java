package io.lathe.server.valohai;

import static io.lathe.server.valohai.Fixtures.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** {@code toMap()} gives the step as resolved, in the YAML's own key names, ready to be stored as JSON. */
class ModelMapsTest {

    @Test
    void stepMapUsesYamlKeyNamesAndLeavesOutWhatIsUnset() {
        Step step = step("""
                - step:
                    name: train
                    image: python:3.12
                    command: python train.py {parameters}
                    time-limit: 1h 30m
                    environment-variables:
                      - {name: MODE, default: fast}
                    parameters:
                      - {name: epochs, type: integer, default: 10, min: 1}
                      - {name: verbose, type: flag, pass-true-as: -v}
                      - {name: tags, multiple: repeat, default: [a, b]}
                    inputs:
                      - {name: data, default: s3://bucket/data.csv, keep-directories: suffix, download: on-demand}
                    resources:
                      devices: {nvidia.com/gpu: 2}
                """);

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("name", "train");
        expected.put("image", "python:3.12");
        expected.put("command", List.of("python train.py {parameters}"));
        expected.put("parameters", List.of(
                Map.of("name", "epochs", "type", "integer", "default", 10L, "optional", false, "min", 1L),
                Map.of("name", "verbose", "type", "flag", "pass-true-as", "-v"),
                Map.of("name", "tags", "type", "string", "default", List.of("a", "b"), "optional", false,
                        "multiple", "repeat", "multiple-separator", ",")));
        expected.put("inputs", List.of(Map.of("name", "data", "default", "s3://bucket/data.csv", "optional", false,
                "keep-directories", "suffix", "download", "on-demand")));
        expected.put("environment-variables", List.of(Map.of("name", "MODE", "default", "fast", "optional", true)));
        expected.put("time-limit", 5400L);
        expected.put("resources", Map.of("devices", Map.of("nvidia.com/gpu", 2L)));
        Map<String, Object> map = step.toMap();
        assertEquals(expected, map);
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(map.keySet()));
    }

    @Test
    void modelCollectionsCannotBeModified() {
        Step step = step("""
                - step:
                    name: s
                    image: busybox
                    command: ls
                    mounts:
                      - {source: /a, destination: /b, options: {x: 1}}
                """);

        assertThrows(UnsupportedOperationException.class, () -> step.command().add("rm -rf /"));
        @SuppressWarnings("unchecked")
        Map<String, Object> mount = (Map<String, Object>) step.mounts().get(0);
        assertThrows(UnsupportedOperationException.class, () -> mount.put("readonly", true));
    }

    @Test
    void flagRecordRulesHoldWhenBuiltInCode() {
        Parameter flag = new Parameter("verbose", ParameterType.FLAG, Optional.empty(), false, Optional.empty(),
                Optional.empty(), List.of(true), MultipleMode.NONE, ",", Optional.empty(), Optional.of("-v"),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

        assertEquals(true, flag.optional());
        assertEquals(List.of(), flag.choices());
        assertThrows(IllegalArgumentException.class, () -> new Parameter("v", ParameterType.FLAG, Optional.empty(),
                false, Optional.empty(), Optional.empty(), List.of(), MultipleMode.REPEAT, ",", Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
    }

    @Test
    void configProblemWithoutALineNamesOnlyTheFile() {
        assertEquals("valohai.yaml: cannot be read", new ConfigProblem("valohai.yaml", 0, "cannot be read").message());
        assertThrows(IllegalArgumentException.class, () -> new ValohaiConfigException(List.of()));
    }
}
