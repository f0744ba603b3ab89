package io.lathe.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Hyperparameter tasks running real executions: grid and manual searches, parallelism, stop, early stopping. */
@ExtendWith(SharedServer.class)
class TaskIT {

    private static Api api;
    private static String project;
    private static String commit;

    @BeforeAll
    static void project() throws Exception {
        api = SharedServer.admin();
        project = Projects.create(api, "tasks");
        commit = Projects.commit(api, project, CodePackages.of("search"));
    }

    @Test
    void aGridTaskRunsEveryCombinationNoMoreThanItsParallelismAtOnceAndFindsTheBest() {
        JsonObject task = start("""
                "type": "grid", "parallelism": 2,
                "parameters": {"x": {"style": "multiple", "rules": {"items": [0, 1, 2]}},
                               "y": {"style": "linear", "rules": {"start": 1, "end": 2, "step": 1}}},
                "objective": {"metric": "loss", "direction": "minimize"}""");
        assertEquals(6, task.getInt("max_executions"), "the grid's size");
        String id = task.getString("id");
        JsonObject ended = api.await("/api/v1/tasks/" + id, t -> {
            long running = t.getJsonArray("executions").stream()
                    .filter(e -> !Set.of("complete", "error", "stopped").contains(e.asJsonObject().getString("status")))
                    .count();
            assertTrue(running <= 2, "never more than the parallelism at once: " + t);
            return t.getString("status").equals("complete");
        }, Duration.ofSeconds(120));
        assertEquals(6, ended.getJsonArray("executions").size());
        assertEquals(Set.of("0.0,1", "0.0,2", "1.0,1", "1.0,2", "2.0,1", "2.0,2"), ended.getJsonArray("executions")
                .stream().map(e -> e.asJsonObject().getJsonObject("parameters"))
                .map(p -> p.getJsonNumber("x").doubleValue() + "," + p.getJsonNumber("y").longValue())
                .collect(Collectors.toSet()));
        JsonObject best = ended.getJsonObject("best");
        assertEquals(1.0, best.getJsonObject("parameters").getJsonNumber("x").doubleValue());
        assertEquals(2, best.getJsonObject("parameters").getInt("y"));
        assertEquals(1.0 / 3, best.getJsonNumber("objective").doubleValue(), 1e-9, "the last loss printed");
        assertEquals("complete", api.get("/api/v1/executions/" + best.getString("execution")).json()
                .getString("status"));
    }

    @Test
    void aTaskWhoseTrialsNeverPrintItsMetricSaysSoInsteadOfEndingSilentlyWithoutABest() {
        JsonObject task = start("""
                "type": "manual", "parallelism": 2,
                "parameter_sets": [{"x": 1, "y": 1}, {"x": 2, "y": 1}],
                "objective": {"metric": "accuracy", "direction": "maximize"}""");
        JsonObject done = api.await("/api/v1/tasks/" + task.getString("id"),
                t -> t.getString("status").equals("complete"), Duration.ofSeconds(120));
        assertTrue(!done.containsKey("best") || done.isNull("best"), done.toString());
        String detail = done.getString("status_detail");
        assertTrue(detail.contains("none of them printed the objective metric 'accuracy'"), detail);
    }

    @Test
    void aManualTaskRunsTheGivenSetsInOrderAndAStoppedTaskStopsItsExecutions() {
        JsonObject manual = start("""
                "type": "manual_search", "parallelism": 1,
                "parameter_sets": [{"x": 3, "y": 2}, {"x": 1, "y": 2}],
                "objective": {"metric": "loss", "direction": "minimize", "mode": "best"}""");
        JsonObject done = api.await("/api/v1/tasks/" + manual.getString("id"),
                t -> t.getString("status").equals("complete"), Duration.ofSeconds(120));
        assertEquals(List.of(3.0, 1.0), done.getJsonArray("executions").stream()
                .map(e -> e.asJsonObject().getJsonObject("parameters").getJsonNumber("x").doubleValue()).toList());
        assertEquals(1.0 / 3, done.getJsonObject("best").getJsonNumber("objective").doubleValue(), 1e-9,
                "the best loss printed");

        JsonObject slow = start("""
                "type": "grid", "parallelism": 2,
                "parameters": {"x": {"style": "multiple", "rules": {"items": [0, 1, 2, 3]}},
                               "steps": {"style": "single", "rules": {"value": 100}},
                               "pause": {"style": "single", "rules": {"value": 0.5}}}""");
        String id = slow.getString("id");
        api.await("/api/v1/tasks/" + id, t -> t.getJsonArray("executions").stream()
                .anyMatch(e -> e.asJsonObject().getString("status").equals("started")), Duration.ofSeconds(60));
        Api.Answer stop = api.postJson("/api/v1/tasks/" + id + "/stop", "");
        assertEquals(200, stop.status(), stop.body());
        JsonObject stopped = api.await("/api/v1/tasks/" + id, t -> t.getString("status").equals("stopped"),
                Duration.ofSeconds(60));
        assertTrue(stopped.getJsonArray("executions").size() <= 2, "no trials after the stop");
        stopped.getJsonArray("executions").forEach(e -> assertEquals("stopped",
                e.asJsonObject().getString("status"), "its executions were stopped: " + stopped));
    }

    @Test
    void theMedianRuleStopsATrialClearlyBehindTheOthersAndSaysWhy() {
        // Three trials as good as each other (only their pace differs) and one far behind them.
        JsonObject task = start("""
                "type": "manual", "parallelism": 4,
                "parameter_sets": [{"x": 1, "steps": 30, "pause": 0.2}, {"x": 1, "steps": 30, "pause": 0.21},
                                   {"x": 1, "steps": 30, "pause": 0.19}, {"x": 10, "steps": 30, "pause": 0.2}],
                "objective": {"metric": "loss", "direction": "minimize"},
                "early_stopping": {"rule": "median", "min_steps": 3, "min_trials": 2}""");
        JsonObject ended = api.await("/api/v1/tasks/" + task.getString("id"),
                t -> t.getString("status").equals("complete"), Duration.ofSeconds(180));
        JsonObject behind = ended.getJsonArray("executions").stream().map(JsonObject.class::cast)
                .filter(e -> e.getJsonObject("parameters").getJsonNumber("x").doubleValue() == 10).findFirst()
                .orElseThrow();
        assertEquals("stopped", behind.getString("status"), ended.toString());
        assertNotNull(behind.get("stopped_reason"));
        assertTrue(behind.getString("stopped_reason").contains("median"), behind.toString());
        assertEquals(3, ended.getJsonArray("executions").stream().map(JsonObject.class::cast)
                .filter(e -> e.getString("status").equals("complete")).count(), "the others ran to the end");
    }

    @Test
    void randomTasksAreReproducibleFromTheirSeedAndBayesianTasksRunThroughTheTpePlugin() {
        String space = """
                "parallelism": 2, "max_executions": 4, "seed": 7,
                "parameters": {"x": {"style": "random", "rules": {"min": 0, "max": 3}},
                               "y": {"style": "random", "rules": {"min": 0, "max": 4, "distribution": "integer"}}},
                "objective": {"metric": "loss", "direction": "minimize"}""";
        JsonObject first = finished(start("\"type\": \"random\"," + space));
        JsonObject second = finished(start("\"type\": \"random_search\"," + space));
        assertEquals(parametersOf(first), parametersOf(second), "the same seed proposes the same trials");
        assertEquals(4, Set.copyOf(parametersOf(first)).size(), "no set twice");
        parametersOf(first).forEach(p -> {
            double x = Double.parseDouble(p.split(",")[0]);
            long y = Long.parseLong(p.split(",")[1]);
            assertTrue(x >= 0 && x <= 3 && y >= 0 && y <= 4, p);
        });

        JsonObject bayesian = finished(start("\"type\": \"bayesian\"," + space));
        assertEquals(4, bayesian.getJsonArray("executions").size());
        assertNotNull(bayesian.get("best"));
    }

    private static JsonObject finished(JsonObject task) {
        return api.await("/api/v1/tasks/" + task.getString("id"), t -> t.getString("status").equals("complete"),
                Duration.ofSeconds(120));
    }

    private static List<String> parametersOf(JsonObject task) {
        return task.getJsonArray("executions").stream().map(e -> e.asJsonObject().getJsonObject("parameters"))
                .map(p -> p.getJsonNumber("x").doubleValue() + "," + p.getJsonNumber("y").longValue()).toList();
    }

    @Test
    void anOptimizerPluginThatHangsThrowsOrAnswersNonsenseFailsOnlyItsTaskSayingWhy() {
        for (long seed : new long[] {MisbehavingPlugins.HANGS, MisbehavingPlugins.THROWS,
                MisbehavingPlugins.ANSWERS_NULL}) {
            JsonObject task = start("""
                    "type": "random", "optimizer": "%s", "seed": %d, "max_executions": 2,
                    "parameters": {"x": {"style": "random", "rules": {"min": 0, "max": 1}}}"""
                    .formatted(MisbehavingPlugins.OPTIMIZER, seed));
            assertEquals(MisbehavingPlugins.OPTIMIZER, task.getString("optimizer"));
            JsonObject failed = api.await("/api/v1/tasks/" + task.getString("id"),
                    t -> t.getString("status").equals("error"), Duration.ofSeconds(60));
            String detail = failed.getString("status_detail");
            assertTrue(detail.contains("'" + MisbehavingPlugins.OPTIMIZER + "'"), detail);
            assertTrue(seed == MisbehavingPlugins.HANGS ? detail.contains("did not answer propose within")
                    : seed == MisbehavingPlugins.THROWS ? detail.contains("breaks on purpose")
                    : detail.contains("nonsense"), detail);
            assertEquals(0, failed.getJsonArray("executions").size());
        }
        // The server and the other optimizers are unharmed.
        JsonObject grid = start("""
                "type": "grid", "parameters": {"x": {"style": "single", "rules": {"value": 1}}}""");
        assertEquals("complete", finished(grid).getString("status"));
        Api.Answer unknown = api.postJson("/api/v1/tasks", "{\"project\":\"" + project + "\",\"commit\":\""
                + commit + "\",\"step\":\"quadratic\",\"type\":\"random\",\"optimizer\":\"nope\","
                + "\"parameters\":{\"x\":{\"style\":\"random\",\"rules\":{\"min\":0,\"max\":1}}}}");
        assertEquals(400, unknown.status());
        assertEquals("optimizer", unknown.json().getString("field"));
    }

    @Test
    void aTaskBlueprintInValohaiYamlStartsByName() {
        Api.Answer created = api.postJson("/api/v1/tasks", "{\"project\":\"" + project + "\",\"commit\":\""
                + commit + "\",\"task\":\"sweep-x\"}");
        assertEquals(201, created.status(), created.body());
        JsonObject task = created.json();
        assertEquals("grid", task.getString("type"));
        assertEquals("quadratic", task.getString("step"));
        assertEquals(2, task.getInt("max_executions"));
        assertEquals(2, task.getInt("parallelism"));
        assertEquals("loss", task.getJsonObject("objective").getString("metric"));
        JsonObject ended = api.await("/api/v1/tasks/" + task.getString("id"),
                t -> t.getString("status").equals("complete"), Duration.ofSeconds(120));
        assertEquals(1.0, ended.getJsonObject("best").getJsonObject("parameters").getJsonNumber("x").doubleValue(),
                "the loss is smallest at x = 1");
        Api.Answer unknown = api.postJson("/api/v1/tasks", "{\"project\":\"" + project + "\",\"commit\":\""
                + commit + "\",\"task\":\"nope\"}");
        assertEquals(400, unknown.status());
        assertEquals("task", unknown.json().getString("field"));
    }

    @Test
    void badTasksAreRefusedNamingTheField() {
        assertField("\"type\": \"grid\"", "parameters");
        assertField("\"type\": \"sideways\", \"parameters\": {}", "type");
        assertField("\"type\": \"grid\", \"parameters\": {\"nope\": {\"style\": \"single\","
                + " \"rules\": {\"value\": 1}}}", "parameters.nope");
        assertField("\"type\": \"grid\", \"parameters\": {\"x\": {\"style\": \"linear\", \"rules\": {\"start\": 0}}}",
                "parameters.x");
        assertField("\"type\": \"bayesian\", \"parameters\": {\"x\": {\"style\": \"single\","
                + " \"rules\": {\"value\": 1}}}", "objective.metric");
        assertField("\"type\": \"grid\", \"parallelism\": 0, \"parameters\": {\"x\": {\"style\": \"single\","
                + " \"rules\": {\"value\": 1}}}", "parallelism");
        assertField("\"type\": \"grid\", \"early_stopping\": {}, \"parameters\": {\"x\": {\"style\": \"single\","
                + " \"rules\": {\"value\": 1}}}", "objective.metric");
    }

    private void assertField(String body, String field) {
        Api.Answer refused = api.postJson("/api/v1/tasks", "{\"project\":\"" + project + "\",\"commit\":\"" + commit
                + "\",\"step\":\"quadratic\"," + body + "}");
        assertEquals(400, refused.status(), refused.body());
        assertEquals(field, refused.json().getString("field"), refused.body());
    }

    private JsonObject start(String body) {
        Api.Answer created = api.postJson("/api/v1/tasks", "{\"project\":\"" + project + "\",\"commit\":\"" + commit
                + "\",\"step\":\"quadratic\"," + body + "}");
        assertEquals(201, created.status(), created.body());
        return created.json();
    }
}
