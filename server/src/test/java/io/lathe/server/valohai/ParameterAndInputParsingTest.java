package io.lathe.server.valohai;

import static io.lathe.server.valohai.Fixtures.parse;
import static io.lathe.server.valohai.Fixtures.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ParameterAndInputParsingTest {

    private static final String HEADER = """
            - step:
                name: train
                image: python:3.12
                command: python train.py {parameters}
            """;

    private static Parameter onlyParameter(String parameterYaml) {
        return step(HEADER + "    parameters:\n" + parameterYaml.indent(6)).parameters().get(0);
    }

    @Test
    void parametersKeepDeclarationOrder() {
        Step step = step(HEADER + """
                    parameters:
                      - {name: zulu}
                      - {name: alpha}
                      - {name: mike}
                """);

        assertEquals(List.of("zulu", "alpha", "mike"), step.parameters().stream().map(Parameter::name).toList());
    }

    @Test
    void typeIsStringUnlessDeclared() {
        Parameter parameter = onlyParameter("- name: dataset-name");

        assertEquals(ParameterType.STRING, parameter.type());
        assertFalse(parameter.optional());
        assertEquals(MultipleMode.NONE, parameter.multiple());
        assertEquals(",", parameter.multipleSeparator());
    }

    @Test
    void readsEveryParameterField() {
        Parameter parameter = onlyParameter("""
                - name: learning-rate
                  type: float
                  default: 0.001
                  optional: true
                  min: 0.0001
                  max: 1
                  choices: [0.001, 0.01]
                  pass-as: --lr {v}
                  description: Step size
                  category: Optimizer
                  widget: {type: slider, settings: {step: 0.001}}
                """);

        assertEquals(new Parameter("learning-rate", ParameterType.FLOAT, Optional.of(0.001), true,
                Optional.of(0.0001), Optional.of(1L), List.of(0.001, 0.01), MultipleMode.NONE, ",",
                Optional.of("--lr {v}"), Optional.empty(), Optional.empty(), Optional.of("Step size"),
                Optional.of("Optimizer"), Optional.of(Map.of("type", "slider", "settings", Map.of("step", 0.001)))),
                parameter);
    }

    @Test
    void exponentWithoutADotStaysTextAsInPyYaml() {
        Parameter parameter = onlyParameter("""
                - name: lr
                  type: float
                  default: 1e-4
                """);

        assertEquals(Optional.of("1e-4"), parameter.defaultValue());
    }

    @Test
    void yamlOneOneBooleansAndIntegersAreRead() {
        Step step = step(HEADER + """
                    parameters:
                      - {name: augment, type: flag, default: yes}
                      - {name: shuffle, type: flag, default: off}
                      - {name: mode, type: integer, default: 010}
                      - {name: mask, type: integer, default: 0x1F}
                      - {name: batch, type: integer, default: 1_000}
                      - {name: seconds, type: integer, default: 1:30}
                      - {name: note, optional: on}
                """);

        assertEquals(Optional.of(true), step.parameter("augment").orElseThrow().defaultValue());
        assertEquals(Optional.of(false), step.parameter("shuffle").orElseThrow().defaultValue());
        assertEquals(Optional.of(8L), step.parameter("mode").orElseThrow().defaultValue());
        assertEquals(Optional.of(31L), step.parameter("mask").orElseThrow().defaultValue());
        assertEquals(Optional.of(1000L), step.parameter("batch").orElseThrow().defaultValue());
        assertEquals(Optional.of(90L), step.parameter("seconds").orElseThrow().defaultValue());
        assertTrue(step.parameter("note").orElseThrow().optional());
    }

    @Test
    void stringParameterKeepsScalarsAsWritten() {
        Parameter parameter = onlyParameter("""
                - name: answer
                  default: yes
                  choices: [yes, no, 0.10]
                """);

        assertEquals(Optional.of("yes"), parameter.defaultValue());
        assertEquals(List.of("yes", "no", "0.10"), parameter.choices());
    }

    @Test
    void flagsAreAlwaysOptional() {
        ValohaiConfig config = parse(HEADER + """
                    parameters:
                      - name: case-insensitive
                        type: flag
                        optional: false
                """);

        assertTrue(config.steps().get(0).parameters().get(0).optional());
        assertEquals("valohai.yaml line 8: step 'train', parameter 'case-insensitive': optional has no effect on a"
                + " flag; flags are always optional", config.warnings().get(0).message());
    }

    @Test
    void multipleParameterDefaultBecomesAList() {
        Step step = step(HEADER + """
                    parameters:
                      - name: layers
                        type: integer
                        multiple: separate
                        multiple-separator: "-"
                        default: [1000, 500, 10]
                      - name: tag
                        multiple: repeat
                        default: gauss
                """);

        assertEquals(Optional.of(List.of(1000L, 500L, 10L)), step.parameter("layers").orElseThrow().defaultValue());
        assertEquals("-", step.parameter("layers").orElseThrow().multipleSeparator());
        assertEquals(Optional.of(List.of("gauss")), step.parameter("tag").orElseThrow().defaultValue());
    }

    @Test
    void passTrueAsOnANonFlagIsDroppedWithAWarning() {
        ValohaiConfig config = parse(HEADER + """
                    parameters:
                      - name: mode
                        pass-true-as: --yes
                """);

        assertEquals(Optional.empty(), config.steps().get(0).parameters().get(0).passTrueAs());
        assertEquals("step 'train', parameter 'mode': pass-true-as has no effect on a string parameter, only on"
                + " flags", config.warnings().get(0).problem());
    }

    @Test
    void defaultsThatDoNotFitTheTypeAreWarnings() {
        ValohaiConfig config = parse(HEADER + """
                    parameters:
                      - name: value
                        type: integer
                        default: zoom
                      - name: percent
                        type: integer
                        max: 100
                        default: 1337
                """);

        assertEquals(List.of(
                "valohai.yaml line 8: step 'train', parameter 'value': default must be an integer, not 'zoom'",
                "valohai.yaml line 12: step 'train', parameter 'percent': default must be at most 100, not 1337"),
                config.warnings().stream().map(ConfigProblem::message).toList());
    }

    @Test
    void unformattablePassAsIsAWarning() {
        ValohaiConfig config = parse(HEADER + """
                    parameters:
                      - name: lr
                        pass-as: --lr={rate}
                """);

        assertEquals("step 'train', parameter 'lr': pass-as '--lr={rate}' uses the unknown placeholder {rate}; the"
                + " placeholders are {name}, {value} and {v}", config.warnings().get(0).problem());
    }

    @Test
    void readsEveryInputField() {
        Step step = step(HEADER + """
                    inputs:
                      - name: model
                        default: s3://foo/model361100.pb
                        filename: model.pb
                        description: weights
                      - name: images
                        keep-directories: suffix
                        optional: true
                        default:
                          - s3://bucket/images/**.jpg
                          - dataset://images/latest
                      - name: large
                        download: on-demand
                        keep-directories: true
                        edge-merge-mode: append
                        override-mode: replace
                      - name: no-default
                """);

        assertEquals(List.of(
                new Input("model", List.of("s3://foo/model361100.pb"), false, Optional.of("weights"),
                        Optional.of("model.pb"), Input.KeepDirectories.NONE, Input.Download.ALWAYS, Optional.empty(),
                        Optional.empty()),
                new Input("images", List.of("s3://bucket/images/**.jpg", "dataset://images/latest"), true,
                        Optional.empty(), Optional.empty(), Input.KeepDirectories.SUFFIX, Input.Download.ALWAYS,
                        Optional.empty(), Optional.empty()),
                new Input("large", List.of(), false, Optional.empty(), Optional.empty(), Input.KeepDirectories.FULL,
                        Input.Download.ON_DEMAND, Optional.of("append"), Optional.of("replace")),
                new Input("no-default", List.of(), false, Optional.empty(), Optional.empty(),
                        Input.KeepDirectories.NONE, Input.Download.ALWAYS, Optional.empty(), Optional.empty())),
                step.inputs());
        assertEquals("images", step.input("images").orElseThrow().name());
    }

    @Test
    void interpolatedInputUrisAreKeptVerbatim() {
        Step step = step(HEADER + """
                    parameters:
                      - name: dataset_name
                        default: cats
                    inputs:
                      - name: train
                        default: dataset://{parameter:dataset_name}_train/latest
                """);

        assertEquals(List.of("dataset://{parameter:dataset_name}_train/latest"),
                step.input("train").orElseThrow().defaults());
    }

    @Test
    void repeatedParameterNamesAreAWarningAndTheLastOneIsUsed() {
        ValohaiConfig config = parse(HEADER + """
                    parameters:
                      - {name: seed, default: "1"}
                      - {name: other}
                      - {name: seed, default: "2"}
                """);

        Step step = config.steps().get(0);
        assertEquals(List.of("seed", "other"), step.parameters().stream().map(Parameter::name).toList());
        assertEquals(Optional.of("2"), step.parameters().get(0).defaultValue());
        assertEquals("step 'train': parameter 'seed' is declared more than once; the last declaration is used",
                config.warnings().get(0).problem());
    }
}
