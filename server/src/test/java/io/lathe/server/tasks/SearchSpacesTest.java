package io.lathe.server.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lathe.plugin.api.optimizer.Domain;
import io.lathe.plugin.api.optimizer.SearchSpace;
import io.lathe.server.platform.DomainException;
import io.lathe.server.valohai.Step;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchSpacesTest {

    private static final Step STEP = io.lathe.server.commits.CommitService.parse("""
            - step:
                name: train
                image: python:3.11
                command: python train.py {parameters}
                parameters:
                  - {name: lr, type: float, default: 0.1}
                  - {name: layers, type: integer, default: 2}
                  - {name: optimizer, type: string, default: sgd}
            """).step("train").orElseThrow();

    @Test
    void everyValohaiStyleBecomesItsDomainTypedAsTheParameter() {
        SearchSpace space = SearchSpaces.read(STEP, Map.of(
                "lr", Map.of("style", "logspace", "rules", Map.of("start", -4, "end", -1, "count", 4)),
                "layers", Map.of("style", "linear", "rules", Map.of("start", 1, "end", 4, "step", 1)),
                "optimizer", Map.of("style", "multiple", "rules", Map.of("items", List.of("sgd", "adam")))),
                true, 1);
        Map<String, Domain> byName = new java.util.HashMap<>();
        space.dimensions().forEach(d -> byName.put(d.name(), d.domain()));
        assertEquals(new Domain.LogSpace(-4, -1, 4, 10, false), byName.get("lr"));
        assertEquals(new Domain.Linear(1, 4, 1, true), byName.get("layers"));
        assertEquals(new Domain.Choice(List.of("sgd", "adam")), byName.get("optimizer"));
        assertEquals(4 * 4 * 2, TaskService.gridSize(space));
    }

    @Test
    void aRandomStyleIsItsSeededSamplesInAGridAndADistributionOtherwise() {
        Map<String, Object> random = Map.of("lr", Map.of("style", "random", "rules",
                Map.of("min", 0.001, "max", 1, "count", 5, "distribution", "loguniform")));
        Domain grid = SearchSpaces.read(STEP, random, true, 42).dimensions().get(0).domain();
        assertEquals(grid, SearchSpaces.read(STEP, random, true, 42).dimensions().get(0).domain(), "seeded");
        List<Object> values = ((Domain.Choice) grid).values();
        assertEquals(5, values.size());
        values.forEach(v -> assertTrue((Double) v >= 0.001 && (Double) v <= 1, v.toString()));
        assertEquals(new Domain.Distribution(Domain.Distribution.Kind.LOG_UNIFORM, 0.001, 1),
                SearchSpaces.read(STEP, random, false, 42).dimensions().get(0).domain());
    }

    @Test
    void mistakesAreRefusedNamingTheParameter() {
        assertEquals("parameters.nope", field(Map.of("nope", Map.of("style", "single", "rules", Map.of("value", 1)))));
        assertEquals("parameters.optimizer", field(Map.of("optimizer", Map.of("style", "linear", "rules",
                Map.of("start", 0, "end", 1, "step", 1)))));
        assertEquals("parameters.lr", field(Map.of("lr", Map.of("style", "spiral"))));
        assertEquals("parameters.lr", field(Map.of("lr", Map.of("style", "linear", "rules", Map.of("start", 0)))));
        assertEquals("parameters.lr", field(Map.of("lr", Map.of("style", "linear", "rules",
                Map.of("start", 0, "end", 1, "step", -1)))));
        assertEquals("parameters", field(Map.of()));
    }

    @Test
    void theMedianOfTheOtherTrialsIsTheMiddleValue() {
        assertEquals(2.0, TaskEngine.median(List.of(3.0, 1.0, 2.0)));
        assertEquals(2.5, TaskEngine.median(List.of(4.0, 1.0, 2.0, 3.0)));
    }

    private static String field(Map<String, Object> parameters) {
        return assertThrows(DomainException.class, () -> SearchSpaces.read(STEP, parameters, true, 1)).field();
    }
}
