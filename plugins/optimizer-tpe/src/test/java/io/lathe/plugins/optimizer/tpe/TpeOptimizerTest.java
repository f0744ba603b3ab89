package io.lathe.plugins.optimizer.tpe;

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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class TpeOptimizerTest {

    private static final SearchSpace QUADRATIC = space(
            new Dimension("x", new Domain.Distribution(Kind.UNIFORM, -5, 5)),
            new Dimension("y", new Domain.Distribution(Kind.UNIFORM, -5, 5)));
    private static final ToDoubleFunction<Map<String, Object>> BOWL =
            p -> square((Double) p.get("x") - 1.5) + square((Double) p.get("y") + 2);

    private final TpeOptimizer optimizer = new TpeOptimizer(10, 24);

    @Test
    void itFindsLowerValuesOfAQuadraticThanRandomDrawsDo() {
        int wins = 0;
        List<Double> tpe = new ArrayList<>();
        List<Double> random = new ArrayList<>();
        for (long seed = 0; seed < 10; seed++) {
            double tpeBest = bestOf(new TpeOptimizer(10, 24), seed, 40);
            double randomBest = bestOf(new TpeOptimizer(Integer.MAX_VALUE, 24), seed, 40);
            tpe.add(tpeBest);
            random.add(randomBest);
            wins += tpeBest < randomBest ? 1 : 0;
        }
        assertTrue(wins >= 8, "TPE " + tpe + " vs random " + random);
        assertTrue(tpe.stream().sorted().toList().get(5) < 0.1, "median best " + tpe);
    }

    @Test
    void aMaximisedObjectiveIsSoughtUpwards() {
        List<Trial> history = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Map<String, Object> proposal = propose(QUADRATIC, history, Direction.MAXIMIZE, 1, 3).get(0);
            history.add(complete(proposal, -BOWL.applyAsDouble(proposal)));
        }
        List<Double> late = history.subList(30, 40).stream().map(t -> -t.objective().getAsDouble()).toList();
        List<Double> early = history.subList(0, 10).stream().map(t -> -t.objective().getAsDouble()).toList();
        assertTrue(median(late) < median(early) / 4, "late " + late + ", early " + early);
    }

    @Test
    void theSameHistoryAndSeedGiveTheSameProposalsAndAnotherSeedOthers() {
        List<Trial> history = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            Map<String, Object> proposal = propose(QUADRATIC, history, Direction.MINIMIZE, 1, 9).get(0);
            history.add(complete(proposal, BOWL.applyAsDouble(proposal)));
        }

        List<Map<String, Object>> first = propose(QUADRATIC, history, Direction.MINIMIZE, 3, 9);

        assertEquals(first, new TpeOptimizer(10, 24).propose(
                new ProposalRequest(QUADRATIC, Direction.MINIMIZE, history, 3, 9)));
        assertNotEquals(first, propose(QUADRATIC, history, Direction.MINIMIZE, 3, 10));
    }

    @Test
    void runningTrialsPushParallelProposalsApart() {
        SearchSpace line = space(new Dimension("n", new Domain.Linear(0, 99, 1, true)));
        List<Trial> history = new ArrayList<>();
        for (long n = 0; n < 100; n += 9) {
            history.add(complete(Map.of("n", n), Math.abs(n - 45)));
        }

        List<Map<String, Object>> proposals = propose(line, history, Direction.MINIMIZE, 8, 4);

        assertEquals(8, new HashSet<>(proposals).size(), proposals.toString());
        proposals.forEach(p -> assertTrue(Math.abs((Long) p.get("n") - 45) < 30, proposals.toString()));
    }

    @Test
    void proposalsStayInTheirDomainsAndLogScalesAreSearchedByOrderOfMagnitude() {
        SearchSpace space = space(
                new Dimension("lr", new Domain.Distribution(Kind.LOG_UNIFORM, 1e-6, 1)),
                new Dimension("layers", new Domain.Distribution(Kind.INTEGER, 1, 8)),
                new Dimension("width", new Domain.LogSpace(4, 9, 6, 2, true)),
                new Dimension("dropout", new Domain.Linear(0, 0.5, 0.1, false)),
                new Dimension("activation", new Domain.Choice(List.of("relu", "tanh", "gelu"))));
        Set<Object> widths = Set.of(16L, 32L, 64L, 128L, 256L, 512L);
        Set<Object> dropouts = Set.of(0.0, 0.1, 0.2, 0.3, 0.4, 0.5);
        List<Trial> history = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            Map<String, Object> p = propose(space, history, Direction.MINIMIZE, 1, 17).get(0);
            double lr = (Double) p.get("lr");
            long layers = (Long) p.get("layers");
            assertTrue(lr >= 1e-6 && lr <= 1 && layers >= 1 && layers <= 8, p.toString());
            assertTrue(widths.contains(p.get("width")) && dropouts.contains(p.get("dropout")), p.toString());
            assertTrue(List.of("relu", "tanh", "gelu").contains(p.get("activation")), p.toString());
            // Best near lr = 1e-3, whatever else: TPE must learn the order of magnitude.
            history.add(complete(p, square(Math.log10(lr) + 3) + (p.get("activation").equals("gelu") ? 0 : 1)));
        }
        long nearBest = history.subList(40, 60).stream()
                .filter(t -> Math.abs(Math.log10((Double) t.parameters().get("lr")) + 3) < 1).count();
        long gelu = history.subList(40, 60).stream().filter(t -> t.parameters().get("activation").equals("gelu"))
                .count();
        assertTrue(nearBest >= 12, nearBest + " of the last 20 within a decade of 1e-3");
        assertTrue(gelu >= 12, gelu + " of the last 20 chose gelu");
    }

    @Test
    void aFiniteSpaceIsExhaustedWithoutRepeatsThenGivesNothing() {
        SearchSpace space = space(
                new Dimension("a", new Domain.Distribution(Kind.INTEGER, 1, 4)),
                new Dimension("b", new Domain.Choice(List.of("x", "y", "z"))));
        List<Trial> history = new ArrayList<>();
        Set<Map<String, Object>> seen = new HashSet<>();
        SplittableRandom noise = new SplittableRandom(1);
        while (true) {
            List<Map<String, Object>> proposals = propose(space, history, Direction.MINIMIZE, 2, 5);
            if (proposals.isEmpty()) {
                break;
            }
            for (Map<String, Object> proposal : proposals) {
                assertTrue(seen.add(proposal), "repeated " + proposal);
                history.add(complete(proposal, noise.nextDouble()));
            }
        }
        assertEquals(12, seen.size());
    }

    @Test
    void trialsOutsideTheSpaceAndFailedOnesAreOnlyTried() {
        List<Trial> history = new ArrayList<>();
        history.add(complete(Map.of("x", 99.0, "y", 0.0), -1000));
        history.add(complete(Map.of("x", "text", "y", 0.0), -1000));
        history.add(new Trial(Map.of("x", 1.0, "y", 1.0), Trial.State.FAILED, OptionalDouble.empty()));
        for (int i = 0; i < 12; i++) {
            Map<String, Object> proposal = propose(QUADRATIC, history, Direction.MINIMIZE, 1, 2).get(0);
            history.add(complete(proposal, BOWL.applyAsDouble(proposal)));
        }
        for (Map<String, Object> proposal : propose(QUADRATIC, history, Direction.MINIMIZE, 5, 2)) {
            assertTrue(Math.abs((Double) proposal.get("x")) <= 5, proposal.toString());
        }
    }

    @Test
    void anIntegerRangeWithoutAWholeNumberIsInvalidAndNamed() {
        PluginException thrown = assertThrows(PluginException.class, () -> propose(space(
                new Dimension("n", new Domain.Distribution(Kind.INTEGER, 1.2, 1.8))), List.of(),
                Direction.MINIMIZE, 1, 1));

        assertEquals("invalid-domain", thrown.code());
        assertTrue(thrown.getMessage().contains("'n'"), thrown.getMessage());
    }

    @Test
    void aRangeOfAstronomicallyManyStepsIsInvalidAndNamed() {
        PluginException thrown = assertThrows(PluginException.class, () -> propose(space(
                new Dimension("x", new Domain.Linear(0, 1, 1e-300, false))), List.of(), Direction.MINIMIZE, 1, 1));

        assertEquals("invalid-domain", thrown.code());
        assertTrue(thrown.getMessage().contains("'x'"), thrown.getMessage());
    }

    @Test
    void aFineRangeIsSearchedOnItsSteps() {
        SearchSpace fine = space(new Dimension("n", new Domain.Linear(0, 1e12, 1, true)));
        List<Trial> history = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Map<String, Object> proposal = propose(fine, history, Direction.MINIMIZE, 1, 8).get(0);
            long n = (Long) proposal.get("n");
            assertTrue(n >= 0 && n <= 1_000_000_000_000L, proposal.toString());
            history.add(complete(proposal, Math.abs(n - 7e11)));
        }
    }

    @Test
    void theNormalTailIsAccurateFarOut() {
        assertEquals(0.5, ParzenEstimator.upperTail(0), 1e-7);
        assertEquals(0.15865525, ParzenEstimator.upperTail(1), 1e-7);
        assertEquals(0.84134475, ParzenEstimator.upperTail(-1), 1e-7);
        // P(Z > 8) = 6.221e-16: relative, not absolute, accuracy matters in the tails.
        assertEquals(6.22096e-16, ParzenEstimator.upperTail(8), 6.22096e-16 * 1e-5);
    }

    private double bestOf(TpeOptimizer tpe, long seed, int trials) {
        List<Trial> history = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < trials; i++) {
            Map<String, Object> proposal = tpe.propose(
                    new ProposalRequest(QUADRATIC, Direction.MINIMIZE, history, 1, seed)).get(0);
            double value = BOWL.applyAsDouble(proposal);
            best = Math.min(best, value);
            history.add(complete(proposal, value));
        }
        return best;
    }

    private List<Map<String, Object>> propose(SearchSpace space, List<Trial> history, Direction direction,
            int count, long seed) {
        return optimizer.propose(new ProposalRequest(space, direction, history, count, seed));
    }

    private static Trial complete(Map<String, Object> parameters, double objective) {
        return new Trial(parameters, Trial.State.COMPLETE, OptionalDouble.of(objective));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static double square(double x) {
        return x * x;
    }

    private static SearchSpace space(Dimension... dimensions) {
        return new SearchSpace(List.of(dimensions));
    }
}
