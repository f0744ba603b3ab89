package io.lathe.server.valohai;

import static io.lathe.server.valohai.Fixtures.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The cases of valohai-yaml's test_command.py and test_multiple_param.py, and the shapes of real files. */
class CommandBuilderTest {

    private static final Step TRAINING = step("""
            - step:
                name: run training
                image: busybox
                command:
                  - cd /tmp/code
                  - 'python run.py train {params} -- mnist_all_full'
                parameters:
                  - {name: num-epochs, type: integer, min: 1, optional: true}
                  - {name: seed, type: integer, default: 1}
                  - {name: encoder-layers, default: 1000-500-250-250-250-10}
                  - name: decoder-spec
                    pass-as: --decoder-spec {v}
                    default: gauss
            """);

    private static List<String> build(Step step, String command, Map<String, ?> values) {
        return CommandBuilder.build(step, List.of(command), values);
    }

    @Test
    void parametersAreQuotedForTheShell() {
        List<String> commands = CommandBuilder.build(TRAINING, Map.of("decoder-spec", "foo bar\"\"'\"'\"; quux"));

        assertEquals("python run.py train --seed=1 --encoder-layers=1000-500-250-250-250-10"
                + " --decoder-spec 'foo bar\"\"'\"'\"'\"'\"'\"'\"; quux' -- mnist_all_full", commands.get(1));
    }

    @Test
    void parametersFollowDeclarationOrderNotTheOrderOfValues() {
        Map<String, Object> values = new HashMap<>();
        values.put("decoder-spec", "hello");
        values.put("num-epochs", 840);

        assertEquals(List.of("run --num-epochs=840 --seed=1 --encoder-layers=1000-500-250-250-250-10"
                + " --decoder-spec hello"), build(TRAINING, "run {parameters}", values));
    }

    @Test
    void aCommandCanBeOverridden() {
        assertEquals(List.of("asdf --seed=1 --encoder-layers=1000-500-250-250-250-10 --decoder-spec hello"),
                build(TRAINING, "asdf {params}", Map.of("decoder-spec", "hello")));
    }

    @Test
    void unknownPlaceholdersAndShellVariablesAreLeftAlone() {
        Step noParameters = step("- step: {name: s, image: busybox, command: ls}");

        assertEquals(List.of("Where are the ${shell_unicorns}? The  are here!"),
                build(noParameters, "Where are the ${shell_unicorns}? The {parameters} are here!", Map.of()));
        assertEquals(List.of("echo '{\"a\": {\"b\": 1}}' {unknown} $SPARK_HOME/bin/spark-submit"),
                build(noParameters, "echo '{\"a\": {\"b\": 1}}' {unknown} $SPARK_HOME/bin/spark-submit", Map.of()));
    }

    @Test
    void sourcePathIsInterpolatedWhenTheStepHasOne() {
        Step withSource = step(
                "- step: {name: s, image: busybox, command: 'python {source-path}', source-path: foo.py}");
        Step withoutSource = step("- step: {name: s, image: busybox, command: 'python {source-path}'}");

        assertEquals(List.of("python foo.py"), CommandBuilder.build(withSource, Map.of()));
        assertEquals(List.of("python {source-path}"), CommandBuilder.build(withoutSource, Map.of()));
    }

    @Test
    void oneParameterByName() {
        Map<String, Object> values = Map.of("decoder-spec", "hello", "num-epochs", 840);

        assertEquals(List.of("asdf --decoder-spec hello {parameter:hello} --decoder-spec hello"),
                build(TRAINING, "asdf {parameter:decoder-spec} {parameter:hello} {parameter:decoder-spec}", values));
    }

    @Test
    void bareParameterValues() {
        Map<String, Object> values = Map.of("decoder-spec", "hello", "num-epochs", 840);

        List<String> commands = CommandBuilder.build(TRAINING, List.of(
                "asdf {parameter-value:decoder-spec} {parameter-value:hello} {parameter-value:decoder-spec}",
                "dsfargeg {parameter-value:num-epochs}",
                "{parameter-value:decoder-spec}"), values);

        assertEquals("asdf hello {parameter-value:hello} hello && dsfargeg 840 && hello",
                CommandBuilder.joinScript(commands));
    }

    @Test
    void emptyTextAndZeroAreStillValues() {
        assertEquals(List.of("env ds='' eps=0 runrunrun"),
                build(TRAINING, "env ds={parameter-value:decoder-spec} eps={parameter-value:num-epochs} runrunrun",
                        Map.of("decoder-spec", "", "num-epochs", 0)));
    }

    @Test
    void aParameterWithoutValueIsLeftOut() {
        Map<String, Object> values = new HashMap<>();
        values.put("seed", null);

        assertEquals(List.of("echo --encoder-layers=1000-500-250-250-250-10 --decoder-spec gauss; echo"),
                build(TRAINING, "echo {parameters}; echo {parameter:num-epochs} {parameter:seed}", values));
        assertEquals(List.of("echo {parameter-value:seed}"), build(TRAINING, "echo {parameter-value:seed}", values));
    }

    @Test
    void flagsPassTheirNameOnlyWhenTrueAndTheirDefaultIsNotApplied() {
        Step step = step("""
                - step:
                    name: s
                    image: busybox
                    command: foo {parameters}
                    parameters:
                      - {name: verbose, type: flag}
                      - {name: shuffle, type: flag, default: true}
                      - {name: debug, type: flag, pass-as: '--debug={v}'}
                """);

        assertEquals(List.of("foo --verbose --debug=True"),
                CommandBuilder.build(step, Map.of("verbose", true, "debug", true)));
        assertEquals(List.of("foo"), CommandBuilder.build(step, Map.of("verbose", false)));
        assertEquals(List.of("foo --shuffle"), CommandBuilder.build(step, Map.of("shuffle", true)));
    }

    @Test
    void passTrueAsAndPassFalseAsReplacePassAs() {
        Step step = step("""
                - step:
                    name: test
                    image: busybox
                    command: foo {parameters}
                    parameters:
                      - name: case-insensitive
                        type: flag
                        pass-true-as: --ignore-case
                        pass-false-as: --case-sensitive
                      - {name: nice, type: flag, pass-true-as: --behave-nice}
                      - {name: naughty, type: flag, pass-as: --ignored, pass-false-as: "--{name}=not-naughty"}
                """);

        assertEquals(List.of("foo --ignore-case --behave-nice --naughty=not-naughty"),
                CommandBuilder.build(step, Map.of("case-insensitive", true, "nice", true)));
        assertEquals(List.of("foo --case-sensitive"),
                CommandBuilder.build(step, Map.of("case-insensitive", false, "nice", false, "naughty", true)));
    }

    @Test
    void passAsIsSplitOnWhitespaceIntoSeparateArguments() {
        Step step = step("""
                - step:
                    name: s
                    image: busybox
                    command: spark-submit {parameters}
                    parameters:
                      - name: main-class
                        pass-as: --class {v}
                        default: org.example.Main
                      - {name: rounds, type: integer, pass-as: '-r {v}', default: 5}
                      - {name: input, pass-as: '{v}', default: /valohai/inputs/data/a b.csv}
                      - {name: label, pass-as: '--{name}  {value}', default: it's}
                """);

        assertEquals(List.of("spark-submit --class org.example.Main -r 5 '/valohai/inputs/data/a b.csv'"
                + " --label 'it'\"'\"'s'"), CommandBuilder.build(step, Map.of()));
    }

    @Test
    void multipleValuesAreRepeatedOrJoined() {
        Step step = step("""
                - step:
                    name: example
                    image: busybox
                    command: echo {parameters}
                    parameters:
                      - {name: unlabeled-samples, type: integer, default: 60000}
                      - name: encoder-layers
                        type: integer
                        multiple: separate
                        multiple-separator: "-"
                        default: [1000, 500, 250, 250, 250, 10]
                      - name: denoising-cost-x
                        type: float
                        multiple: separate
                        default: [1000, 1, 0.01, 0.01]
                      - name: decoder-spec
                        pass-as: --decoder-spec {v}
                        multiple: repeat
                        default: [gauss, railgun]
                """);

        assertEquals(List.of("echo --unlabeled-samples=60000 --encoder-layers=1000-500-250-250-250-10"
                + " --denoising-cost-x=1000,1,0.01,0.01 --decoder-spec gauss --decoder-spec railgun"),
                CommandBuilder.build(step, Map.of()));
        assertEquals(List.of("echo --unlabeled-samples=60000 --encoder-layers=6 --denoising-cost-x=2,e"
                + " --decoder-spec gauss --decoder-spec railgun"),
                CommandBuilder.build(step, Map.of("encoder-layers", 6, "denoising-cost-x", List.of(2, "e"))));
        Map<String, Object> noLayers = new HashMap<>(Map.of("denoising-cost-x", List.of(2, "e")));
        noLayers.put("encoder-layers", null);
        assertEquals(List.of("echo --unlabeled-samples=60000 --denoising-cost-x=2,e --decoder-spec gauss"
                + " --decoder-spec railgun"), CommandBuilder.build(step, noLayers));
        assertEquals(List.of("echo --unlabeled-samples=60000 --denoising-cost-x=2,e --decoder-spec gauss"
                + " --decoder-spec railgun"),
                CommandBuilder.build(step, Map.of("encoder-layers", List.of(), "denoising-cost-x", List.of(2, "e"))));
    }

    @Test
    void valuesAreWrittenAsPythonWritesThem() throws ParameterException {
        Step step = step("""
                - step:
                    name: s
                    image: busybox
                    command: train {parameters}
                    parameters:
                      - {name: lr, type: float, default: 1e-4}
                """);

        assertEquals(List.of("train --lr=1e-4"), CommandBuilder.build(step, Map.of()));
        assertEquals(List.of("train --lr=0.0001"), CommandBuilder.build(step, ParameterValues.resolve(step, Map.of())));
        assertEquals(List.of("train --lr=1e-05"), CommandBuilder.build(step, Map.of("lr", 0.00001)));
        assertEquals(List.of("train --lr=2.0"), CommandBuilder.build(step, Map.of("lr", 2.0)));
    }

    @Test
    void blockScalarCommandIsOneTrimmedCommand() {
        Step step = step("""
                - step:
                    name: s
                    image: busybox
                    command: |
                      pip install -r requirements.txt
                      python update.py {parameters}
                    parameters:
                      - {name: dataset, multiple: repeat, pass-as: '--dataset {v}', default: [a, b]}
                """);

        assertEquals(List.of("pip install -r requirements.txt\npython update.py --dataset a --dataset b"),
                CommandBuilder.build(step, Map.of()));
    }

    @Test
    void aShebangStaysTheFirstLineOfTheScript() {
        Step block = step("""
                - step:
                    name: Do a thing
                    image: python:3.12
                    command: |
                      #!/bin/bash
                      echo "The wibble is {parameter:wibble} today."
                      if [[ -z "$1" ]]; then echo "No arguments provided"; fi
                    parameters:
                      - {name: wibble, type: integer}
                """);

        assertEquals("#!/bin/bash\necho \"The wibble is --wibble=42 today.\"\n"
                + "if [[ -z \"$1\" ]]; then echo \"No arguments provided\"; fi",
                CommandBuilder.joinScript(CommandBuilder.build(block, Map.of("wibble", 42))));
    }

    @Test
    void joinScriptChainsCommandsSoTheFirstFailureStops() {
        assertEquals("", CommandBuilder.joinScript(List.of()));
        assertEquals("foo", CommandBuilder.joinScript(List.of("foo")));
        assertEquals("foo && bar", CommandBuilder.joinScript(List.of("foo", " ", "bar")));
        assertEquals("#!/bin/sh\nfoo && bar", CommandBuilder.joinScript(List.of("#!/bin/sh", "foo", " ", "bar")));
        assertEquals("#!/bin/sh\nfoo && bar", CommandBuilder.joinScript(List.of("#!/bin/sh\nfoo", " ", "bar")));
        assertEquals("#!/bin/bash\nfoo && #!woop", CommandBuilder.joinScript(List.of("#!/bin/bash\nfoo", "#!woop")));
    }

    @Test
    void quoteFollowsShlex() {
        assertEquals("''", CommandBuilder.quote(""));
        assertEquals("abc_XYZ-0.9@%+=:,./", CommandBuilder.quote("abc_XYZ-0.9@%+=:,./"));
        assertEquals("'a b'", CommandBuilder.quote("a b"));
        assertEquals("'it'\"'\"'s'", CommandBuilder.quote("it's"));
        assertEquals("'$HOME'", CommandBuilder.quote("$HOME"));
        assertEquals("'räksmörgås'", CommandBuilder.quote("räksmörgås"));
    }

    @Test
    void aBrokenPassAsFailsTheBuildWithTheParameterNamed() {
        Step step = step("""
                - step:
                    name: s
                    image: busybox
                    command: run {parameters}
                    parameters:
                      - {name: lr, pass-as: '--lr={rate}', default: "1"}
                """);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CommandBuilder.build(step, Map.of()));
        assertEquals("parameter 'lr': pattern '--lr={rate}' uses the unknown placeholder {rate}; the placeholders"
                + " are {name}, {value} and {v}", e.getMessage());
    }

    @Test
    void resolvedValuesAreUsedExactlySoAnOptionalParameterGivenNoValuePassesNothing() throws ParameterException {
        Step step = step("""
                - step:
                    name: s
                    image: busybox
                    command: run {parameters}
                    parameters:
                      - {name: seed, type: integer, optional: true, default: 7}
                      - {name: ids, type: integer, optional: true, default: [1, 2]}
                """);
        Map<String, Object> noValues = new java.util.HashMap<>();
        noValues.put("seed", null);
        noValues.put("ids", null);

        assertEquals(List.of("run"), CommandBuilder.buildResolved(step, ParameterValues.resolve(step, noValues)));
        noValues.remove("seed");
        assertEquals(List.of("run --seed=7"),
                CommandBuilder.buildResolved(step, ParameterValues.resolve(step, noValues)));
    }

    @Test
    void aListForASingleValueParameterFailsTheBuild() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CommandBuilder.build(TRAINING, Map.of("seed", List.of(1, 2))));

        assertEquals("parameter 'seed' takes a single value, not a list; it is not declared 'multiple'",
                e.getMessage());
    }
}
