package io.lathe.server.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lathe.server.valohai.ValohaiConfig;
import io.lathe.server.valohai.ValohaiConfigParser;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class TaskBlueprintsTest {

    @Test
    void theBlueprintsTypeIsTakenAsValohaiYamlNormalisesIt() throws Exception {
        ValohaiConfig config = ValohaiConfigParser.parse("valohai.yaml", new StringReader("""
                - step:
                    name: train
                    image: busybox
                    command: ls
                    parameters: [{name: lr, type: float, default: 0.1}]
                - task:
                    name: sweep
                    step: train
                    type: Random-Search
                    parameters:
                      - {name: lr, style: random, rules: {min: 0.001, max: 0.1}}
                """));
        CreateTask request = new CreateTask("p", "c", null, null, null, null, null, null, null, null, null, null,
                null, null, "sweep");

        CreateTask filled = TaskBlueprints.fill(request, config);

        assertEquals("random_search", filled.type());
        assertEquals("train", filled.step());
    }
}
