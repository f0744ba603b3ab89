package io.lathe.server.valohai;

import static io.lathe.server.valohai.Fixtures.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Each case asserts the line and the wording, since they are what a user has to go on. */
class ValohaiConfigErrorsTest {

    @Test
    void missingImageIsReportedOnTheStepLine() {
        ValohaiConfigException e = failure("""
                # training
                - step:
                    name: train
                    command: python train.py
                """);

        assertEquals("valohai.yaml", e.fileName());
        assertEquals(2, e.line());
        assertEquals("step 'train': missing required key 'image'", e.problem());
        assertEquals("valohai.yaml line 2: step 'train': missing required key 'image'", e.getMessage());
    }

    @Test
    void unknownParameterTypeNamesTheStepParameterAndTheAllowedTypes() {
        ValohaiConfigException e = failure("""
                - step:
                    name: train
                    image: python:3.12
                    command: python train.py {parameters}
                    parameters:
                      - name: lr
                        type: double
                        default: 0.001
                """);

        assertEquals("valohai.yaml line 7: step 'train', parameter 'lr': type must be one of string, integer, float,"
                + " flag (got 'double')", e.getMessage());
    }

    @Test
    void invalidYamlIndentationGivesTheLineOfTheSyntaxError() {
        ValohaiConfigException e = failure("""
                - step:
                  name: outdented
                    image: python:3.7
                    command: python ./test.py
                """);

        assertEquals(3, e.line());
        assertEquals("invalid YAML: mapping values are not allowed here; check the indentation", e.problem());
    }

    @Test
    void stepKeysWrittenBesideTheStepInsteadOfUnderItAreAnIndentationError() {
        ValohaiConfigException e = failure("""
                - step:
                  name: valid-yaml-but-unindented
                  image: python:3.7
                  inputs: []
                  command:
                    - python ./test.py {parameters}
                """);

        assertEquals(1, e.line());
        assertEquals("step is empty, and name, image, inputs, command are beside it instead of inside it;"
                + " indent them under 'step:'", e.problem());
    }

    @Test
    void unknownStepKeyIsAnErrorOnItsLine() {
        ValohaiConfigException e = failure("""
                - step:
                    name: train
                    image: python:3.12
                    imgae: python:3.11
                    command: ls
                """);

        assertEquals(4, e.line());
        assertEquals("step 'train': unknown key 'imgae'; the keys allowed here are " + String.join(", ",
                StepReader.KEYS), e.problem());
    }

    @Test
    void inputNameLongerThan64CharactersIsAnError() {
        String name = "this-input-name-is-way-too-long-and-will-cause-the-validation-to-fail";
        ValohaiConfigException e = failure("""
                - step:
                    name: train
                    image: python:3.12
                    command: ls
                    inputs:
                      - name: %s
                """.formatted(name));

        assertEquals(6, e.line());
        assertEquals("step 'train', input '" + name + "': the name is 69 characters long; the limit is 64",
                e.problem());
    }

    @Test
    void topLevelMustBeAList() {
        ValohaiConfigException e = failure("""
                step:
                  name: train
                  image: python:3.12
                  command: ls
                """);

        assertEquals(1, e.line());
        assertEquals("the file must be a list of items, each starting with '- ' as in '- step:' (got a mapping)",
                e.problem());
    }

    @Test
    void unclosedQuoteIsInvalidYamlWithTheLineWhereTheScalarStarts() {
        ValohaiConfigException e = failure("""
                - step:
                    name: train
                    image: "python:3.12
                    command: ls
                """);

        assertTrue(e.problem().startsWith("invalid YAML: found unexpected end of stream"), e.problem());
        assertTrue(e.problem().contains("that starts on line 3"), e.problem());
    }

    @Test
    void aTabInIndentationIsInvalidYaml() {
        ValohaiConfigException e = failure("- step:\n\tname: train\n");

        assertEquals(2, e.line());
        assertTrue(e.problem().startsWith("invalid YAML: "), e.problem());
    }

    @Test
    void twoDocumentsInOneFileAreInvalid() {
        ValohaiConfigException e = failure("- step: {name: a, image: b, command: c}\n---\n- step: {}\n");

        assertEquals(2, e.line());
        assertTrue(e.problem().contains("expected a single document"), e.problem());
    }

    @Test
    void booleanImageAsksForQuotes() {
        ValohaiConfigException e = failure("""
                - step:
                    name: train
                    image: yes
                    command: ls
                """);

        assertEquals("valohai.yaml line 3: step 'train': image must be text (got the boolean 'yes'; put it in quotes"
                + " to make it text)", e.getMessage());
    }

    @Test
    void numericCommandIsAnError() {
        ValohaiConfigException e = failure("""
                - step:
                    name: train
                    image: busybox
                    command: 8
                """);

        assertEquals("valohai.yaml line 4: step 'train': command must be text or a list of texts (got the number 8;"
                + " put it in quotes to make it text)", e.getMessage());
    }

    @Test
    void unquotedBracePassAsIsAMappingInYaml() {
        ValohaiConfigException e = failure("""
                - step:
                    name: train
                    image: busybox
                    command: python train.py {parameters}
                    parameters:
                      - name: epochs
                        pass-as: {v}
                """);

        assertEquals("valohai.yaml line 7: step 'train', parameter 'epochs': pass-as must be text (got a mapping)",
                e.getMessage());
    }

    @Test
    void itemThatIsNotAMappingIsAnError() {
        ValohaiConfigException e = failure("""
                - step: {name: a, image: b, command: c}
                - just some text
                """);

        assertEquals("valohai.yaml line 2: each item of the file must be a mapping such as 'step: ...'"
                + " (got 'just some text')", e.getMessage());
    }

    @Test
    void everyErrorIsCollectedInFileOrder() {
        ValohaiConfigException e = failure("""
                - step:
                    name: first
                    command: ls
                - step:
                    name: second
                    image: true
                    command: ls
                    time-limit: 5 years
                """);

        assertEquals(List.of(1, 6, 8), e.errors().stream().map(ConfigProblem::line).toList());
        assertEquals("step 'second': time-limit unknown unit 'years' in '5 years'; use s, m, h, d or w, as in"
                + " '1h 30m'", e.errors().get(2).problem());
        assertTrue(e.getMessage().endsWith("(and 2 more errors)"), e.getMessage());
    }

    @Test
    void flagCannotBeMultiple() {
        ValohaiConfigException e = failure("""
                - step:
                    name: train
                    image: busybox
                    command: ls
                    parameters:
                      - name: verbose
                        type: flag
                        multiple: repeat
                """);

        assertEquals("valohai.yaml line 8: step 'train', parameter 'verbose': a flag cannot be multiple; remove"
                + " 'multiple' or change the type", e.getMessage());
    }

    @Test
    void uploadStoreLongerThan64CharactersIsAnError() {
        ValohaiConfigException e = failure("""
                - step:
                    name: train
                    image: busybox
                    command: ls
                    upload-store: This is a test string exactly with  65 characters long in length.
                """);

        assertEquals("valohai.yaml line 5: step 'train': upload-store is 65 characters long; the limit is 64",
                e.getMessage());
    }

    @Test
    void resourceLimitsMustBeNumbers() {
        ValohaiConfigException e = failure("""
                - step:
                    name: train
                    image: busybox
                    command: ls
                    resources:
                      cpu:
                        min: Not a number
                """);

        assertEquals("valohai.yaml line 7: step 'train', resources, cpu: min must be a number (got 'Not a number')",
                e.getMessage());
    }

    @Test
    void runtimeConfigPresetNeedsAnEnvironment() {
        ValohaiConfigException e = failure("""
                - step:
                    name: train
                    image: busybox
                    command: ls
                    runtime-config-preset: my-preset
                """);

        assertEquals("valohai.yaml line 5: step 'train': runtime-config-preset needs an environment as well;"
                + " add 'environment:' with the environment's id or name", e.getMessage());
    }

    @Test
    void keepDirectoriesMustBeABooleanOrAMode() {
        ValohaiConfigException e = failure("""
                - step:
                    name: train
                    image: busybox
                    command: ls
                    inputs:
                      - name: images
                        keep-directories: partial
                """);

        assertEquals("valohai.yaml line 7: step 'train', input 'images': keep-directories must be true, false, none,"
                + " full or suffix (got 'partial')", e.getMessage());
    }

    @Test
    void pipelineNeedsNodesAndEdges() {
        ValohaiConfigException e = failure("""
                - pipeline:
                    name: training
                    nodes: []
                """);

        assertEquals("valohai.yaml line 1: pipeline 'training': missing required key 'edges'", e.getMessage());
    }

    @Test
    void taskNeedsAStep() {
        ValohaiConfigException e = failure("""
                - task:
                    name: search
                    parameters: []
                """);

        assertEquals("valohai.yaml line 1: task 'search': missing required key 'step'", e.getMessage());
    }

    @Test
    void stepWithoutANameSaysSo() {
        ValohaiConfigException e = failure("""
                - step:
                    image: busybox
                    command: ls
                """);

        assertEquals("valohai.yaml line 1: step: missing required key 'name'", e.getMessage());
    }

    @Test
    void aValueThatContainsItselfIsAnError() {
        ValohaiConfigException e = failure("""
                - pipeline: &loop
                    name: loop
                    nodes: [*loop]
                    edges: []
                """);

        assertTrue(e.problem().contains("a value cannot contain itself"), e.problem());
    }

    @Test
    void aliasesThatExpandToAHugeValueAreStopped() {
        ValohaiConfigException e = failure("""
                - pipeline:
                    name: bomb
                    edges: []
                    a: &a [x, x, x, x, x, x, x, x, x, x]
                    b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
                    c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
                    d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
                    e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
                    nodes: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]
                """);

        assertTrue(e.problem().endsWith("the file stands for more than 200000 values; are aliases (*name) repeating"
                + " large parts of it?"), e.problem());
    }

    @Test
    void mergeKeysThatExpandExponentiallyAreStopped() {
        ValohaiConfigException e = failure(ValohaiConfigFuzzTest.mergeBomb(12, 12));

        assertTrue(e.problem().endsWith("merge keys (<<) stand for more than 100000 keys; are aliases (*name)"
                + " merging large parts of the file many times?"), e.problem());
    }

    @Test
    void aControlCharacterIsReportedOnItsLine() {
        ValohaiConfigException e = failure("- step:\n    name: a\u0000b\n");

        assertEquals(2, e.line());
        assertEquals("column 12 holds the control character U+0000, which YAML does not allow; remove it",
                e.problem());
    }

    @Test
    void nestingDeeperThanSnakeYamlReadsIsReportedOnItsLine() {
        ValohaiConfigException e = failure("- step:\n    name: s\n    parameters: " + "[".repeat(60)
                + "]".repeat(60) + "\n");

        assertEquals(3, e.line());
    }

    @Test
    void aNonFiniteDefaultIsAnErrorSinceItCannotBeStored() {
        ValohaiConfigException e = failure("""
                - step:
                    name: s
                    image: i
                    command: c
                    parameters:
                      - {name: p, type: float, default: .nan}
                """);

        assertEquals(6, e.line());
        assertTrue(e.problem().contains(".nan is not a finite number"), e.problem());
    }

    @Test
    void stepNamesAndImagesLongerThanLatheKeepsAreErrors() {
        ValohaiConfigException e = failure("- step:\n    name: " + "n".repeat(201) + "\n    image: " + "i".repeat(501)
                + "\n    command: c\n");

        assertEquals(List.of(2, 3), e.errors().stream().map(ConfigProblem::line).toList());
        assertTrue(e.errors().get(1).problem().endsWith("image is 501 characters long; Lathe keeps at most 500"),
                e.errors().get(1).problem());
    }
}
