package io.lathe.plugins.optimizer.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lathe.plugin.api.PluginException;
import io.lathe.plugin.api.optimizer.Domain;
import io.lathe.plugin.api.optimizer.Domain.Distribution.Kind;
import io.lathe.plugin.api.optimizer.ProposalRequest;
import io.lathe.plugin.api.optimizer.ProposalRequest.Direction;
import io.lathe.plugin.api.optimizer.SearchSpace;
import io.lathe.plugin.api.optimizer.SearchSpace.Dimension;
import io.lathe.plugin.api.optimizer.Trial;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RandomOptimizerTest {

    private final RandomOptimizer optimizer = new RandomOptimizer();

    @Test
    void theSeedAndTheHistoryLengthDecideTheDraws() {
        SearchSpace space = space(new Dimension("x", new Domain.Distribution(Kind.UNIFORM, 0, 1)));
        List<Trial> one = List.of(pending(Map.of("x", 0.5)));
        List<Trial> otherOne = List.of(new Trial(Map.of("x", 0.25), Trial.State.COMPLETE, OptionalDouble.of(3)));

        assertEquals(propose(space, List.of(), 5, 7), propose(space, List.of(), 5, 7));
        assertNotEquals(propose(space, List.of(), 5, 7), propose(space, List.of(), 5, 8));
        assertNotEquals(propose(space, List.of(), 1, 7), propose(space, one, 1, 7));
        // What the earlier trials were, or how they ended, does not matter: only how many there are.
        assertEquals(propose(space, one, 3, 7), propose(space, otherOne, 3, 7));
    }

    @Test
    void oneCallOfTwoEqualsTwoCallsOfOneOnlyInTheFirstProposal() {
        SearchSpace space = space(new Dimension("x", new Domain.Distribution(Kind.UNIFORM, 0, 1)));

        List<Map<String, Object>> two = propose(space, List.of(), 2, 3);

        assertEquals(two.get(0), propose(space, List.of(), 1, 3).get(0));
    }

    @Test
    void uniformDrawsCoverTheRangeEvenly() {
        int[] buckets = new int[10];
        for (Map<String, Object> proposal : propose(space(
                new Dimension("x", new Domain.Distribution(Kind.UNIFORM, -2, 3))), List.of(), 5000, 1)) {
            double x = (Double) proposal.get("x");
            assertTrue(x >= -2 && x <= 3, "out of range: " + x);
            buckets[(int) Math.min(9, (x + 2) / 0.5)]++;
        }
        for (int bucket : buckets) {
            assertTrue(bucket > 400 && bucket < 600, "uneven: " + java.util.Arrays.toString(buckets));
        }
    }

    @Test
    void logUniformDrawsSpreadEvenlyOverOrdersOfMagnitude() {
        int[] decades = new int[4];
        for (Map<String, Object> proposal : propose(space(
                new Dimension("lr", new Domain.Distribution(Kind.LOG_UNIFORM, 1e-5, 1e-1))), List.of(), 4000, 2)) {
            double lr = (Double) proposal.get("lr");
            assertTrue(lr >= 1e-5 && lr <= 1e-1, "out of range: " + lr);
            decades[(int) Math.min(3, Math.floor(Math.log10(lr) + 5))]++;
        }
        // A uniform draw would put 90% in the top decade; log-uniform puts a quarter in each.
        for (int decade : decades) {
            assertTrue(decade > 850 && decade < 1150, "uneven: " + java.util.Arrays.toString(decades));
        }
    }

    @Test
    void integerDrawsAreWholeNumbersWithBothEndsIncluded() {
        Map<Object, Integer> counts = new HashMap<>();
        for (Object n : draws(new Domain.Distribution(Kind.INTEGER, 1.5, 4), 3000)) {
            counts.merge(n, 1, Integer::sum);
        }
        assertEquals(Set.of(2L, 3L, 4L), counts.keySet());
        counts.values().forEach(count -> assertTrue(count > 850 && count < 1150, counts.toString()));
    }

    @Test
    void rangesAndChoicesGiveTheirOwnValuesAllOfThem() {
        Set<Object> linear = values(new Domain.Linear(0, 0.3, 0.1, false), 400);
        Set<Object> log = values(new Domain.LogSpace(-3, -1, 3, 10, false), 400);
        Set<Object> choice = values(new Domain.Choice(List.of("relu", 3L, true)), 400);

        assertEquals(Set.of(0.0, 0.1, 0.2, 0.3), linear);
        assertEquals(Set.of(0.001, 0.01, 0.1), log);
        assertEquals(Set.of("relu", 3L, true), choice);
    }

    @Test
    void aVeryFineRangeIsDrawnFromWithoutListingIt() {
        Set<Object> values = values(new Domain.Linear(0, 1e12, 1, true), 100);

        assertEquals(100, values.size());
        values.forEach(value -> assertTrue((Long) value >= 0 && (Long) value <= 1_000_000_000_000L));
    }

    @Test
    void aSmallSpaceIsExhaustedWithoutRepeatsThenGivesNothing() {
        SearchSpace space = space(
                new Dimension("a", new Domain.Linear(1, 5, 1, true)),
                new Dimension("b", new Domain.Choice(List.of("x", "y"))));
        List<Trial> history = new ArrayList<>();
        Set<Map<String, Object>> seen = new HashSet<>();

        while (true) {
            List<Map<String, Object>> proposals = propose(space, history, 3, 5);
            if (proposals.isEmpty()) {
                break;
            }
            for (Map<String, Object> proposal : proposals) {
                assertTrue(seen.add(proposal), "repeated " + proposal);
                history.add(pending(proposal));
            }
        }

        assertEquals(10, seen.size());
    }

    @Test
    void oneCallAskingForMoreThanTheSpaceHoldsGetsEachSetOnce() {
        SearchSpace space = space(new Dimension("a", new Domain.Linear(1, 50, 1, true)));

        List<Map<String, Object>> proposals = propose(space, List.of(), 80, 9);

        assertEquals(50, proposals.size());
        assertEquals(50, new HashSet<>(proposals).size());
    }

    @Test
    void anIntegerRangeWithoutAWholeNumberIsInvalidAndNamed() {
        PluginException thrown = assertThrows(PluginException.class, () -> propose(space(
                new Dimension("n", new Domain.Distribution(Kind.INTEGER, 1.2, 1.8))), List.of(), 1, 1));

        assertEquals("invalid-domain", thrown.code());
        assertTrue(thrown.getMessage().contains("'n'"), thrown.getMessage());
    }

    @Test
    void aRangeOfAstronomicallyManyStepsIsInvalidAndNamed() {
        PluginException thrown = assertThrows(PluginException.class, () -> propose(space(
                new Dimension("x", new Domain.Linear(0, 1, 1e-300, false))), List.of(), 1, 1));

        assertEquals("invalid-domain", thrown.code());
        assertTrue(thrown.getMessage().contains("'x'"), thrown.getMessage());
    }

    @Test
    void anInfiniteDistributionIsInvalid() {
        PluginException thrown = assertThrows(PluginException.class, () -> propose(space(
                new Dimension("x", new Domain.Distribution(Kind.UNIFORM, 0, Double.POSITIVE_INFINITY))),
                List.of(), 1, 1));

        assertEquals("invalid-domain", thrown.code());
    }

    @Test
    void proposalsListParametersInDeclarationOrder() {
        SearchSpace space = space(
                new Dimension("zeta", new Domain.Choice(List.of(1L))),
                new Dimension("alpha", new Domain.Distribution(Kind.UNIFORM, 0, 1)),
                new Dimension("mid", new Domain.Linear(1, 3, 1, true)));

        assertEquals(List.of("zeta", "alpha", "mid"),
                new ArrayList<>(propose(space, List.of(), 1, 0).get(0).keySet()));
    }

    private Set<Object> values(Domain domain, int count) {
        return new HashSet<>(draws(domain, count));
    }

    /** One draw per call, as a server asks, each after one more trial (so earlier draws may repeat). */
    private List<Object> draws(Domain domain, int count) {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<Trial> history = java.util.Collections.nCopies(i, pending(Map.of("p", "earlier")));
            values.add(propose(space(new Dimension("p", domain)), history, 1, 11).get(0).get("p"));
        }
        return values;
    }

    private List<Map<String, Object>> propose(SearchSpace space, List<Trial> history, int count, long seed) {
        return optimizer.propose(new ProposalRequest(space, Direction.MINIMIZE, history, count, seed));
    }

    private static Trial pending(Map<String, Object> parameters) {
        return new Trial(parameters, Trial.State.PENDING, OptionalDouble.empty());
    }

    private static SearchSpace space(Dimension... dimensions) {
        return new SearchSpace(List.of(dimensions));
    }
}
