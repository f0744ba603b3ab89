package io.lathe.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.lathe.server.executions.CreateExecution;
import io.lathe.server.valohai.Step;
import io.lathe.server.valohai.ValohaiConfigParser;
import java.io.StringReader;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExecutionFormTest {

    private static final String YAML = """
            - step:
                name: train
                image: python:3.11
                command: python train.py {parameters}
                parameters:
                  - name: epochs
                    type: integer
                    default: 20
                    min: 1
                    max: 10000
                  - name: rate
                    type: float
                    default: 1e-4
                    min: 0.000001
                  - name: verbose
                    type: flag
                    default: true
                  - name: optimizer
                    type: string
                    default: sgd
                    choices: [sgd, adam]
                  - name: tags
                    type: string
                    multiple: repeat
                    default: [a, b]
                    optional: true
                  - name: note
                    type: string
                    optional: true
                inputs:
                  - name: data
                    default: [https://example.com/a.csv, https://example.com/b.csv]
            """;

    private static Step step() throws Exception {
        return ValohaiConfigParser.parse("valohai.yaml", new StringReader(YAML)).step("train").orElseThrow();
    }

    private static Map<String, Object> field(List<Map<String, Object>> fields, String name) {
        return fields.stream().filter(f -> f.get("name").equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aFreshFormShowsTheStepsDefaultsAndRanges() throws Exception {
        List<Map<String, Object>> fields = new ExecutionFormFields(step()).fields(null, null, null);
        Map<String, Object> epochs = field(fields, "parameters.epochs");
        assertEquals(List.of("number", "20", "1", "10000", "1", true), List.of(epochs.get("kind"), epochs.get("value"),
                epochs.get("min"), epochs.get("max"), epochs.get("step"), epochs.get("required")));
        Map<String, Object> rate = field(fields, "parameters.rate");
        assertEquals("any", rate.get("step"));
        assertEquals("0.0001", rate.get("value"), "1e-4 spelled so that a number field takes it");
        assertEquals(true, field(fields, "parameters.verbose").get("checked"));
        Map<String, Object> optimizer = field(fields, "parameters.optimizer");
        assertEquals("select", optimizer.get("kind"));
        assertEquals(List.of(Map.of("value", "sgd", "label", "sgd", "selected", true),
                Map.of("value", "adam", "label", "adam", "selected", false)), optimizer.get("options"));
        assertEquals(List.of("lines", "a\nb"), List.of(field(fields, "parameters.tags").get("kind"),
                field(fields, "parameters.tags").get("value")));
        assertEquals("https://example.com/a.csv\nhttps://example.com/b.csv", field(fields, "inputs.data").get("value"));
    }

    @Test
    void postedValuesBecomeTheApisRequestAndComeBackAsTypedWithTheErrorAtTheirField() throws Exception {
        Map<String, String[]> posted = new HashMap<>();
        posted.put("parameters.epochs", new String[] {" 5 "});
        posted.put("parameters.rate", new String[] {""});
        posted.put("parameters.optimizer", new String[] {"adam"});
        posted.put("parameters.tags", new String[] {"x\n\n  y \n"});
        posted.put("parameters.note", new String[] {"  "});
        posted.put("inputs.data", new String[] {"datum://1\n"});
        posted.put("title", new String[] {"t"});
        ExecutionForm form = new ExecutionForm(step());

        CreateExecution request = form.request("p", "~c", posted::get);
        assertEquals("5", request.parameters().get("epochs"));
        assertNull(request.parameters().get("rate"), "blank is no value");
        assertEquals(false, request.parameters().get("verbose"), "an unticked box is false, not the default");
        assertEquals(List.of("x", "y"), request.parameters().get("tags"));
        assertEquals(List.of("datum://1"), request.inputs().get("data"));
        assertEquals(Arrays.asList("p", "~c", "train", "t", null), Arrays.asList(request.project(), request.commit(),
                request.step(), request.title(), request.environment()));

        List<Map<String, Object>> fields = new ExecutionFormFields(step()).fields(posted::get, "parameters.epochs",
                "too small");
        assertEquals(List.of(" 5 ", "too small"), List.of(field(fields, "parameters.epochs").get("value"),
                field(fields, "parameters.epochs").get("error")));
        assertEquals("", field(fields, "parameters.rate").get("error"));
        assertEquals(false, field(fields, "parameters.verbose").get("checked"));
    }
}
