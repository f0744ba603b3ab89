package io.lathe.server.valohai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the pipeline engine gets from the corpus's full pipeline: every part read into its model. */
class PipelineModelTest {

    private static ValohaiConfig config;
    private static Pipeline flow;

    @BeforeAll
    static void read() throws Exception {
        try (Reader reader = new InputStreamReader(PipelineModelTest.class.getResourceAsStream(
                "/valohai-yaml/pipelines/valid/full-pipeline.yaml"), StandardCharsets.UTF_8)) {
            config = ValohaiConfigParser.parse("valohai.yaml", reader);
        }
        flow = config.pipeline("flow").orElseThrow();
    }

    @Test
    void nodesKeepTheirTypeReferencesAndDefaults() {
        assertEquals(List.of("prep", "train", "search", "grid", "other-commit", "deploy"),
                flow.nodes().stream().map(PipelineNode::name).toList());
        PipelineNode prep = flow.node("prep").orElseThrow();
        assertEquals(PipelineNode.Type.EXECUTION, prep.type());
        assertEquals(PipelineNode.OnError.RETRY, prep.onError());
        assertEquals(PipelineNode.EdgeMergeMode.REPLACE, prep.edgeMergeMode());
        assertEquals(NodeOverride.none(), prep.override());
        PipelineNode search = flow.node("search").orElseThrow();
        assertEquals(Optional.of("sweep"), search.task());
        assertEquals(Optional.empty(), search.step());
        assertEquals(PipelineNode.OnError.CONTINUE, search.onError());
        assertEquals(Optional.of("main"), flow.node("other-commit").orElseThrow().commit());
        PipelineNode deploy = flow.node("deploy").orElseThrow();
        assertEquals(PipelineNode.Type.DEPLOYMENT, deploy.type());
        assertEquals(Optional.of("production"), deploy.deployment());
        assertEquals(List.of("predict"), deploy.endpoints());
        assertEquals(List.of("staging"), deploy.aliases());
        assertEquals(PipelineNode.OnError.STOP_NEXT, deploy.onError());
        assertTrue(flow.reuseExecutions());
        assertFalse(prep.reusesExecutions(flow), "the node's own setting wins");
        assertTrue(search.reusesExecutions(flow), "else the pipeline's");
    }

    @Test
    void overrideAndActionsAreTyped() {
        PipelineNode train = flow.node("train").orElseThrow();
        assertEquals(PipelineNode.EdgeMergeMode.APPEND, train.edgeMergeMode());
        NodeOverride override = train.override();
        assertEquals(Optional.of("python:3.13"), override.image());
        assertEquals(Optional.of(List.of("python train.py", "echo done")), override.command());
        assertEquals(Optional.of("gpu-small"), override.environment());
        assertEquals(Optional.of(false), override.autorestart());
        assertEquals(Map.of("name", "dataset"), override.inputs().get("dataset"));
        assertEquals(20L, override.parameters().get("epochs").get("default"));
        assertEquals("1", override.environmentVariables().get("SEED").get("default"));

        NodeAction approval = train.actions().get(0);
        assertEquals(List.of("node-complete"), approval.when());
        assertEquals(List.of("require-approval"), approval.then());
        assertEquals(List.of("metadata.accuracy < .8"), approval.conditionTexts());
        assertTrue(approval.conditionsHold(Map.of("metadata.accuracy", 0.7)));
        assertFalse(approval.conditionsHold(Map.of("metadata.accuracy", 0.9)));
        assertFalse(approval.conditionsHold(Map.of()), "no accuracy logged: the condition does not hold");
        NodeAction onError = train.actions().get(1);
        assertEquals(List.of("node-error"), onError.when());
        assertTrue(onError.conditionsHold(Map.of()), "no if: always");
    }

    @Test
    void edgesAndParametersAreSplitIntoSockets() {
        assertEquals(new PipelineSocket("prep", "output", "*.csv"), flow.edges().get(0).source());
        assertEquals(new PipelineSocket("train", "input", "dataset"), flow.edges().get(0).target());
        assertEquals(new PipelineSocket("prep", "output", "data/*"), flow.edges().get(1).source());
        assertEquals(Map.of(), flow.edges().get(1).configuration());
        assertEquals(new PipelineSocket("train", "metadata", "best_lr"), flow.edges().get(3).source());
        assertEquals(new PipelineSocket("deploy", "file", "predict.model"), flow.edges().get(4).target());
        assertEquals("train.output.model.pkl", flow.edges().get(4).source().toString());

        PipelineParameter lr = flow.parameters().get(0);
        assertEquals("lr", lr.name());
        assertEquals(Optional.of(0.01), lr.defaultValue());
        assertEquals(Optional.of("learning rate for both trainings"), lr.description());
        assertEquals(List.of(new PipelineSocket("train", "parameter", "learning_rate"),
                new PipelineSocket("search", "parameter", "learning_rate")), lr.targets());
        assertEquals(List.of(new PipelineSocket("prep", "parameter", "rows")), flow.parameters().get(1).targets());
    }

    @Test
    void endpointsAndTaskBlueprintsAreTyped() {
        Endpoint predict = config.endpoint("predict").orElseThrow();
        assertEquals(8080, predict.port());
        assertEquals(Optional.of("predict:app"), predict.wsgi());
        assertEquals(List.of(new Endpoint.File("model", "model.pkl", Optional.of("the trained model"))),
                predict.files());

        TaskBlueprint sweep = config.taskBlueprint("sweep").orElseThrow();
        assertEquals("random_search", sweep.type(), "random-search is normalised");
        assertEquals("train", sweep.step());
        assertEquals(List.of("learning_rate"), sweep.parameterNames());
        assertTrue(sweep.stopCondition().orElseThrow().evaluate(Map.of("execution.duration", 3601)));
        assertEquals(new BigDecimal("3600"), ((Expression.Comparison) sweep.stopCondition().orElseThrow()).right()
                .value(Map.of()).orElseThrow());
        assertTrue(config.step("train").orElseThrow().stopConditionExpression().orElseThrow()
                .evaluate(Map.of("epoch", 100)), "the step's stop-condition is parsed too");
        assertEquals("random-search", config.task("sweep").orElseThrow().get("type"), "the data stays as written");
    }
}
