package io.lathe.plugins.optimizer.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lathe.plugin.api.PluginException;
import io.lathe.plugin.api.optimizer.Domain;
import io.lathe.plugin.api.optimizer.ProposalRequest;
import io.lathe.plugin.api.optimizer.ProposalRequest.Direction;
import io.lathe.plugin.api.optimizer.SearchSpace;
import io.lathe.plugin.api.optimizer.SearchSpace.Dimension;
import io.lathe.plugin.api.optimizer.Trial;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class GridOptimizerTest {

    private final GridOptimizer optimizer = new GridOptimizer(1_000_000);

    @Test
    void theLastDimensionVariesFastest() {
        SearchSpace space = space(
                new Dimension("a", new Domain.Choice(List.of("x", "y"))),
                new Dimension("b", new Domain.Choice(List.of(1L, 2L, 3L))));

        assertEquals(List.of(
                Map.of("a", "x", "b", 1L), Map.of("a", "x", "b", 2L), Map.of("a", "x", "b", 3L),
                Map.of("a", "y", "b", 1L), Map.of("a", "y", "b", 2L), Map.of("a", "y", "b", 3L)),
                propose(space, 0, 10));
    }

    @Test
    void proposalsListParametersInDeclarationOrder() {
        SearchSpace space = space(
                new Dimension("zeta", new Domain.Choice(List.of(1L))),
                new Dimension("alpha", new Domain.Choice(List.of(2L))),
                new Dimension("mid", new Domain.Choice(List.of(3L))));

        assertEquals(List.of("zeta", "alpha", "mid"), new ArrayList<>(propose(space, 0, 1).get(0).keySet()));
    }

    @Test
    void theHistorySizeSetsWhereProposalsResume() {
        SearchSpace space = space(new Dimension("n", new Domain.Linear(1, 10, 1, true)));

        assertEquals(List.of(Map.of("n", 4L), Map.of("n", 5L)), propose(space, 3, 2));
        assertEquals(List.of(Map.of("n", 9L), Map.of("n", 10L)), propose(space, 8, 5));
        assertEquals(List.of(), propose(space, 10, 5));
        assertEquals(List.of(), propose(space, 25, 1));
    }

    @Test
    void aLinearRangeIncludesAnEndItReachesWithinRoundingError() {
        assertEquals(List.of(0.0, 0.1, 0.2, 0.3), values(new Domain.Linear(0, 0.3, 0.1, false)));
        assertEquals(List.of(0.1, 0.3, 0.5), values(new Domain.Linear(0.1, 0.5, 0.2, false)));
    }

    @Test
    void aLinearRangeStopsBeforeAnEndBetweenSteps() {
        assertEquals(List.of(0.0, 0.3, 0.6, 0.9), values(new Domain.Linear(0, 1, 0.3, false)));
    }

    @Test
    void aLinearRangeMayCountDown() {
        assertEquals(List.of(5L, 3L, 1L), values(new Domain.Linear(5, 0, -2, true)));
    }

    @Test
    void aLinearRangeWithEqualEndsHasOneValue() {
        assertEquals(List.of(2.5), values(new Domain.Linear(2.5, 2.5, 1, false)));
    }

    @Test
    void anIntegerRangeGivesLongs() {
        assertEquals(List.of(2L, 4L, 6L), values(new Domain.Linear(2, 7, 2, true)));
    }

    @Test
    void anIntegerRangeWithAFractionalStepIsInvalid() {
        PluginException thrown = assertThrows(PluginException.class,
                () -> values(new Domain.Linear(0, 2, 0.5, true)));

        assertEquals("invalid-domain", thrown.code());
        assertTrue(thrown.getMessage().contains("'p'"), thrown.getMessage());
    }

    @Test
    void aLinearRangeWithoutFiniteBoundsIsInvalid() {
        for (Domain.Linear linear : List.of(new Domain.Linear(Double.NaN, 1, 1, false),
                new Domain.Linear(0, Double.NaN, 1, false),
                new Domain.Linear(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 1, false))) {
            PluginException thrown = assertThrows(PluginException.class, () -> values(linear));

            assertEquals("invalid-domain", thrown.code(), linear.toString());
        }
    }

    @Test
    void aLogSpaceSpreadsExponentsEvenly() {
        assertEquals(List.of(1.0E-4, 1.0E-3, 0.01, 0.1), values(new Domain.LogSpace(-4, -1, 4, 10, false)));
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L), values(new Domain.LogSpace(0, 4, 5, 2, true)));
    }

    @Test
    void aLogSpaceOfOneValueUsesTheStart() {
        assertEquals(List.of(100.0), values(new Domain.LogSpace(2, 5, 1, 10, false)));
    }

    @Test
    void wholeLogSpacedValuesThatRoundAlikeAreTriedOnce() {
        // 10^0, 10^0.125, ... 10^0.5 round to 1, 1, 2, 2, 3.
        assertEquals(List.of(1L, 2L, 3L), values(new Domain.LogSpace(0, 0.5, 5, 10, true)));
    }

    @Test
    void choicesKeepTheirValuesAndTypes() {
        List<Object> choices = List.of("relu", 3L, 0.5, true);

        assertEquals(choices, values(new Domain.Choice(choices)));
    }

    @Test
    void aDistributionIsUnsupportedAndNamed() {
        SearchSpace space = space(
                new Dimension("layers", new Domain.Choice(List.of(1L, 2L))),
                new Dimension("learning_rate", new Domain.Distribution(Domain.Distribution.Kind.LOG_UNIFORM, 1e-5, 1)));

        PluginException thrown = assertThrows(PluginException.class, () -> propose(space, 0, 1));

        assertEquals("unsupported-domain", thrown.code());
        assertTrue(thrown.getMessage().contains("'learning_rate'"), thrown.getMessage());
    }

    @Test
    void aGridOverTheLimitIsRefusedWithItsSize() {
        GridOptimizer small = new GridOptimizer(100);
        SearchSpace space = space(
                new Dimension("a", new Domain.Linear(1, 20, 1, true)),
                new Dimension("b", new Domain.Linear(1, 10, 1, true)));

        PluginException thrown = assertThrows(PluginException.class, () -> small.propose(request(space, 0, 1)));

        assertEquals("grid-too-large", thrown.code());
        assertTrue(thrown.getMessage().contains("200 combinations"), thrown.getMessage());
        assertTrue(thrown.getMessage().contains("20 a x 10 b"), thrown.getMessage());
    }

    @Test
    void aGridAtTheLimitIsAccepted() {
        GridOptimizer small = new GridOptimizer(200);
        SearchSpace space = space(
                new Dimension("a", new Domain.Linear(1, 20, 1, true)),
                new Dimension("b", new Domain.Linear(1, 10, 1, true)));

        assertEquals(List.of(Map.of("a", 20L, "b", 10L)), small.propose(request(space, 199, 5)));
    }

    @Test
    void anAstronomicalGridIsRefusedWithoutEnumeratingIt() {
        SearchSpace space = space(
                new Dimension("tiny-step", new Domain.Linear(0, 1, 1e-300, false)),
                new Dimension("b", new Domain.LogSpace(0, 1, Integer.MAX_VALUE, 10, false)));

        PluginException thrown = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(PluginException.class, () -> propose(space, 0, 1)));

        assertEquals("grid-too-large", thrown.code());
    }

    @Test
    void aSpaceWithoutDimensionsHasOneEmptyCombination() {
        assertEquals(List.of(Map.of()), propose(space(), 0, 3));
        assertEquals(List.of(), propose(space(), 1, 3));
    }

    @Test
    void objectivesDirectionAndSeedDoNotChangeTheGrid() {
        SearchSpace space = space(new Dimension("n", new Domain.Linear(1, 5, 1, true)));
        List<Trial> history = List.of(
                new Trial(Map.of("n", 1L), Trial.State.COMPLETE, OptionalDouble.of(0.1)),
                new Trial(Map.of("n", 2L), Trial.State.FAILED, OptionalDouble.empty()));

        List<Map<String, Object>> minimizing = optimizer.propose(
                new ProposalRequest(space, Direction.MINIMIZE, history, 2, 1));
        List<Map<String, Object>> maximizing = optimizer.propose(
                new ProposalRequest(space, Direction.MAXIMIZE, history, 2, 999));

        assertEquals(List.of(Map.of("n", 3L), Map.of("n", 4L)), minimizing);
        assertEquals(minimizing, maximizing);
    }

    @Test
    void proposalsCannotBeModified() {
        SearchSpace space = space(new Dimension("n", new Domain.Choice(List.of(1L))));
        List<Map<String, Object>> proposals = propose(space, 0, 1);

        assertThrows(UnsupportedOperationException.class, () -> proposals.get(0).put("n", 2L));
        assertThrows(UnsupportedOperationException.class, () -> proposals.add(Map.of()));
    }

    private List<Object> values(Domain domain) {
        List<Object> values = new ArrayList<>();
        for (Map<String, Object> proposal : propose(space(new Dimension("p", domain)), 0, 1000)) {
            values.add(proposal.get("p"));
        }
        return values;
    }

    private List<Map<String, Object>> propose(SearchSpace space, int historySize, int count) {
        return optimizer.propose(request(space, historySize, count));
    }

    private static ProposalRequest request(SearchSpace space, int historySize, int count) {
        List<Trial> history = Collections.nCopies(historySize,
                new Trial(Map.of(), Trial.State.COMPLETE, OptionalDouble.of(1)));
        return new ProposalRequest(space, Direction.MINIMIZE, history, count, 42);
    }

    private static SearchSpace space(Dimension... dimensions) {
        return new SearchSpace(List.of(dimensions));
    }
}
