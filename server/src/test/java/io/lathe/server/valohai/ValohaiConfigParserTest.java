package io.lathe.server.valohai;

import static io.lathe.server.valohai.Fixtures.parse;
import static io.lathe.server.valohai.Fixtures.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValohaiConfigParserTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "   \n", "# nothing here yet\n", "---\n", "~\n"})
    void emptyFileIsAnEmptyConfig(String yaml) {
        ValohaiConfig config = parse(yaml);

        assertEquals(List.of(), config.steps());
        assertEquals(Map.of(), config.pipelines());
        assertEquals(List.of(), config.warnings());
    }

    @Test
    void stepsKeepFileOrder() {
        ValohaiConfig config = parse("""
                - step: {name: zeta, image: busybox, command: echo z}
                - step: {name: alpha, image: busybox, command: echo a}
                - step: {name: mid, image: busybox, command: echo m}
                """);

        assertEquals(List.of("zeta", "alpha", "mid"), config.steps().stream().map(Step::name).toList());
        assertEquals("echo a", config.step("alpha").orElseThrow().command().get(0));
        assertEquals(Optional.empty(), config.step("missing"));
    }

    @Test
    void readsEveryStepField() {
        Step step = step("""
                - step:
                    name: train model
                    image: python:3.12
                    command:
                      - pip install -r requirements.txt
                      - python train.py {parameters}
                    environment: aws-eu-west-1-g4dn-xlarge
                    environment-variable-groups: [shared-secrets]
                    cache-volumes: [pvc-cache]
                    time-limit: 1h 30m 5s
                    no-output-timeout: 600
                    runtime-config-preset: gpu-preset
                    upload-store: my-store
                    stop-condition: metadata.loss < 0.1
                    autorestart: yes
                    description: Trains the model
                    icon: https://example.com/icon.png
                    category: Training
                    source-path: train.py
                    outputs:
                      - name: model
                        description: the weights
                      - logs
                """);

        assertEquals("train model", step.name());
        assertEquals("python:3.12", step.image());
        assertEquals(List.of("pip install -r requirements.txt", "python train.py {parameters}"), step.command());
        assertEquals(Optional.of("aws-eu-west-1-g4dn-xlarge"), step.environment());
        assertEquals(List.of("shared-secrets"), step.environmentVariableGroups());
        assertEquals(List.of("pvc-cache"), step.cacheVolumes());
        assertEquals(Optional.of(Duration.ofSeconds(5405)), step.timeLimit());
        assertEquals(Optional.of(Duration.ofMinutes(10)), step.noOutputTimeout());
        assertEquals(Optional.of("gpu-preset"), step.runtimeConfigPreset());
        assertEquals(Optional.of("my-store"), step.uploadStore());
        assertEquals(Optional.of("metadata.loss < 0.1"), step.stopCondition());
        assertEquals(Optional.of(true), step.autorestart());
        assertEquals(Optional.of("Trains the model"), step.description());
        assertEquals(Optional.of("https://example.com/icon.png"), step.icon());
        assertEquals(Optional.of("Training"), step.category());
        assertEquals(Optional.of("train.py"), step.sourcePath());
        assertEquals(List.of(new Output("model", Optional.of("the weights")), new Output("logs", Optional.empty())),
                step.outputs());
    }

    @Test
    void unsetStepFieldsAreEmpty() {
        Step step = step("- step: {name: s, image: busybox, command: ls}");

        assertEquals(List.of("ls"), step.command());
        assertEquals(List.of(), step.parameters());
        assertEquals(List.of(), step.inputs());
        assertEquals(Optional.empty(), step.environment());
        assertEquals(Optional.empty(), step.timeLimit());
        assertEquals(Map.of(), step.resources());
        assertEquals(Optional.empty(), step.autorestart());
    }

    @Test
    void blockScalarCommandKeepsItsLines() {
        Step step = step("""
                - step:
                    name: update dataset
                    image: python:3.12
                    command: |
                      pip install valohai-utils
                      python update.py {parameters}
                """);

        assertEquals(List.of("pip install valohai-utils\npython update.py {parameters}\n"), step.command());
    }

    @Test
    void threeSpaceIndentationAndStepNamesWithSpacesAndParentheses() {
        ValohaiConfig config = parse("""
                ---
                - step:
                   name: Run TensorBoard (local logs)
                   image: tensorflow/tensorflow:2.15.0
                   command: cd src && python tb.py
                """);

        Step step = config.step("Run TensorBoard (local logs)").orElseThrow();
        assertEquals(List.of("cd src && python tb.py"), step.command());
    }

    @Test
    void environmentVariablesAreOptionalUnlessSaidOtherwise() {
        Step step = step("""
                - step:
                    name: s
                    image: busybox
                    command: env
                    environment-variables:
                      - name: VH_DOCKER_NETWORK
                        default: host
                      - name: PORT
                        default: 8080
                        optional: false
                        description: where to listen
                """);

        assertEquals(List.of(
                new EnvironmentVariable("VH_DOCKER_NETWORK", Optional.of("host"), true, Optional.empty()),
                new EnvironmentVariable("PORT", Optional.of("8080"), false, Optional.of("where to listen"))),
                step.environmentVariables());
    }

    @Test
    void resourcesAndMountsAreKeptAsData() {
        Step step = step("""
                - step:
                    name: s
                    image: busybox
                    command: ls
                    resources:
                      cpu: {min: 0.5, max: 2}
                      memory: {max: 4096}
                      devices:
                        nvidia.com/gpu: 1
                    mounts:
                      - /data:/data
                      - source: /mnt/nfs
                        destination: /nfs
                        readonly: true
                        type: nfs
                        options: {vers: "4"}
                """);

        assertEquals(Map.of("cpu", Map.of("min", 0.5, "max", 2L), "memory", Map.of("max", 4096L),
                "devices", Map.of("nvidia.com/gpu", 1L)), step.resources());
        assertEquals(List.of("/data:/data", Map.of("source", "/mnt/nfs", "destination", "/nfs", "readonly", true,
                "type", "nfs", "options", Map.of("vers", "4"))), step.mounts());
    }

    @Test
    void emptyDevicesAreKeptBecauseTheyClearTheDefaults() {
        Step step = step("""
                - step:
                    name: s
                    image: busybox
                    command: ls
                    resources:
                      devices: {}
                """);

        assertEquals(Map.of("devices", Map.of()), step.resources());
    }

    @Test
    void pipelinesEndpointsTasksAndDeploymentsAreReadAndKeepTheirData() {
        ValohaiConfig config = parse("""
                - step:
                    name: train
                    image: busybox
                    command: ls
                    parameters: [{name: lr, type: float, default: 0.1}]
                - pipeline:
                    name: training
                    reuse-executions: true
                    nodes:
                      - {name: train, type: execution, step: train}
                      - {name: deploy, type: deployment, deployment: prod, endpoints: [predict]}
                    edges:
                      - [train.output.model*, deploy.file.predict.model]
                - blueprint:
                    name: older-style
                    nodes: []
                    edges: []
                - endpoint:
                    name: predict
                    image: python:3.12
                    wsgi: app:app
                    files: [{name: model, path: model.pkl}]
                - task:
                    name: search
                    step: train
                    type: random_search
                    parameters:
                      - {name: lr, style: random, rules: {min: 0.001, max: 0.1}}
                - deployment:
                    name: prod
                    defaults: {target: my-cluster}
                """);

        Pipeline training = config.pipeline("training").orElseThrow();
        assertEquals(List.of("name", "reuse-executions", "nodes", "edges"), List.copyOf(training.data().keySet()));
        assertEquals(List.of(List.of("train.output.model*", "deploy.file.predict.model")),
                training.data().get("edges"));
        assertEquals(new PipelineSocket("deploy", "file", "predict.model"), training.edges().get(0).target());
        assertTrue(training.reuseExecutions());
        assertTrue(config.pipeline("older-style").isPresent(), "blueprint is another name for pipeline");
        assertEquals(Optional.of("app:app"), config.endpoint("predict").orElseThrow().wsgi());
        assertEquals("random_search", config.task("search").orElseThrow().get("type"));
        assertEquals(Map.of("target", "my-cluster"), config.deployments().get("prod").get("defaults"));
        assertEquals(List.of(), config.warnings());
    }

    @Test
    void unknownItemKindsAreWarnings() {
        ValohaiConfig config = parse("""
                - step: {name: s, image: busybox, command: ls}
                - notebook:
                    name: explore
                """);

        assertEquals(1, config.steps().size());
        ConfigProblem warning = config.warnings().get(0);
        assertEquals(2, warning.line());
        assertEquals("unknown item 'notebook' is ignored; the known kinds are step, pipeline, blueprint, endpoint,"
                + " task, deployment", warning.problem());
    }

    @Test
    void duplicateStepNamesAreAWarningAndTheLaterStepWinsInTheFirstPlace() {
        ValohaiConfig config = parse("""
                - step: {name: my step, image: first, command: ls}
                - step: {name: other, image: busybox, command: ls}
                - step: {name: my step, image: second, command: ls}
                """);

        assertEquals(List.of("my step", "other"), config.steps().stream().map(Step::name).toList());
        assertEquals("second", config.step("my step").orElseThrow().image());
        assertEquals("valohai.yaml line 3: duplicate step name 'my step'; the later one is used",
                config.warnings().get(0).message());
    }

    @Test
    void anchorsAndMergeKeysWorkAsInPyYaml() {
        ValohaiConfig config = parse("""
                - step: &base
                    name: base
                    image: python:3.12
                    command: python run.py {parameters}
                    parameters: &params
                      - name: seed
                        type: integer
                        default: 1
                - step:
                    <<: *base
                    name: derived
                    parameters: *params
                """);

        Step derived = config.step("derived").orElseThrow();
        assertEquals("python:3.12", derived.image());
        assertEquals(List.of("python run.py {parameters}"), derived.command());
        assertEquals(Optional.of(1L), derived.parameter("seed").orElseThrow().defaultValue());
    }

    @Test
    void repeatedKeysAreAWarningAndTheLastValueWins() {
        ValohaiConfig config = parse("""
                - step:
                    name: s
                    image: first
                    image: second
                    command: ls
                """);

        assertEquals("second", config.steps().get(0).image());
        assertEquals("valohai.yaml line 4: step 's': key 'image' appears more than once; the last value is used",
                config.warnings().get(0).message());
    }

    @Test
    void keysBesideTheKindAreIgnoredWithAWarning() {
        ValohaiConfig config = parse("""
                - step: {name: s, image: busybox, command: ls}
                  comment: this belongs nowhere
                """);

        assertEquals(1, config.steps().size());
        assertEquals("only 'step' is read from this item; the other keys (comment) are ignored",
                config.warnings().get(0).problem());
    }
}
