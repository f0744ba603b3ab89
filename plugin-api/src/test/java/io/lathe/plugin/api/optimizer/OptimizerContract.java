package io.lathe.plugin.api.optimizer;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.lathe.plugin.api.optimizer.ProposalRequest.Direction;
import io.lathe.plugin.api.optimizer.SearchSpace.Dimension;
import io.lathe.plugin.api.optimizer.Trial.State;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every {@link Optimizer} must show. An optimizer's test extends this class and says how to make an
 * instance; JUnit runs the inherited tests against it.
 *
 * <p>The tests use {@link #searchSpace()}, a mix of every enumerable domain, and {@link #discreteSpace()}, a small
 * space of choices. An optimizer that also samples {@link Domain.Distribution distributions} should override
 * {@link #searchSpace()} to add one, so the in-domain checks cover it. On the small discrete space every optimizer
 * must avoid parameter sets the history already holds and return nothing once all were tried, as
 * {@link Optimizer#propose} promises for an exhausted space.
 *
 * <p>The optimizer is created on first use in a test and closed after it. Test methods are public so that an
 * optimizer that truly cannot meet one may override it, and must then say why.
 */
public abstract class OptimizerContract {

    private static final double TOLERANCE = 1e-9;

    private Path tempDir;
    private Optimizer optimizer;

    /**
     * Makes an instance to test, as the server does: through the factory, which takes no settings
     * ({@code return new GridOptimizerFactory().create(new TestPluginContext(tempDir));}).
     *
     * @param tempDir a folder private to the current test, deleted after it
     */
    protected abstract Optimizer createOptimizer(Path tempDir) throws Exception;

    /** A space with one dimension of each enumerable domain, 3 × 3 × 4 × 3 × 2 = 216 parameter sets. */
    protected SearchSpace searchSpace() {
        return new SearchSpace(List.of(
                new Dimension("optimizer", new Domain.Choice(List.of("adam", "sgd", "rmsprop"))),
                new Dimension("learning_rate", new Domain.LogSpace(-4, -2, 3, 10, false)),
                new Dimension("epochs", new Domain.Linear(1, 4, 1, true)),
                new Dimension("dropout", new Domain.Linear(0.1, 0.5, 0.2, false)),
                new Dimension("augment", new Domain.Choice(List.of(true, false)))));
    }

    /** A space of six parameter sets, small enough to exhaust. */
    protected SearchSpace discreteSpace() {
        return new SearchSpace(List.of(
                new Dimension("kernel", new Domain.Choice(List.of("linear", "rbf"))),
                new Dimension("degree", new Domain.Choice(List.of(1L, 2L, 3L)))));
    }

    /** The optimizer under test, created on first use. */
    protected final Optimizer optimizer() {
        if (optimizer == null) {
            optimizer = newOptimizer();
        }
        return optimizer;
    }

    @BeforeEach
    final void rememberTempDir(@TempDir Path tempDir) {
        this.tempDir = tempDir;
    }

    @AfterEach
    final void closeOptimizer() {
        if (optimizer != null) {
            optimizer.close();
            optimizer = null;
        }
    }

    @Test
    public void everyProposalHasAnInDomainValueForEveryDimension() {
        SearchSpace space = searchSpace();

        List<Map<String, Object>> proposals = optimizer().propose(request(space, List.of(), 20, 7));

        assertFalse(proposals.isEmpty(), "no proposals for a fresh task");
        for (Map<String, Object> proposal : proposals) {
            assertFitsSpace(space, proposal);
        }
    }

    @Test
    public void proposalsNeverOutnumberTheCount() {
        for (int count : List.of(1, 2, 5, 1000)) {
            List<Map<String, Object>> proposals = optimizer().propose(request(searchSpace(), List.of(), count, 1));

            assertTrue(proposals.size() <= count, proposals.size() + " proposals for count " + count);
            assertFalse(proposals.isEmpty(), "no proposals for count " + count);
        }
    }

    @Test
    public void theSameRequestAndSeedGiveTheSameProposals() {
        List<Trial> history = List.of(complete(firstProposal(searchSpace(), 3), 0.5));
        ProposalRequest request = request(searchSpace(), history, 5, 1234);

        List<Map<String, Object>> first = optimizer().propose(request);
        List<Map<String, Object>> again = optimizer().propose(request);
        List<Map<String, Object>> fromAnotherInstance;
        try (Optimizer other = newOptimizer()) {
            fromAnotherInstance = other.propose(request);
        }

        assertEquals(first, again, "a second call with the same request differed");
        assertEquals(first, fromAnotherInstance, "another instance answered the same request differently");
    }

    @Test
    public void proposalsOfOneCallAreDistinctInADiscreteSpace() {
        List<Map<String, Object>> proposals = optimizer().propose(request(discreteSpace(), List.of(), 6, 3));

        assertEquals(proposals.size(), new HashSet<>(proposals).size(), "repeated proposals: " + proposals);
    }

    @Test
    public void proposalsAvoidParameterSetsTheHistoryHolds() {
        SearchSpace space = discreteSpace();
        int size = 6;
        List<Trial> history = new ArrayList<>();
        Set<Map<String, Object>> tried = new HashSet<>();

        for (int i = 0; i < size; i++) {
            List<Map<String, Object>> proposals = optimizer().propose(request(space, history, 1, 11));

            assertEquals(1, proposals.size(), "proposals after " + i + " of " + size + " sets were tried");
            Map<String, Object> proposal = proposals.get(0);
            assertFitsSpace(space, proposal);
            assertTrue(tried.add(proposal), "proposed again: " + proposal + ", history " + tried);
            history.add(trialInState(proposal, i));
        }

        assertEquals(List.of(), optimizer().propose(request(space, history, 3, 11)),
                "proposals for an exhausted space");
    }

    @Test
    public void finishedAndFailedTrialsInTheHistoryAreAccepted() {
        SearchSpace space = searchSpace();
        List<Map<String, Object>> earlier = optimizer().propose(request(space, List.of(), 3, 5));
        List<Trial> history = new ArrayList<>();
        history.add(complete(earlier.get(0), 0.25));
        if (earlier.size() > 1) {
            history.add(new Trial(earlier.get(1), State.FAILED, OptionalDouble.empty()));
        }
        if (earlier.size() > 2) {
            history.add(new Trial(earlier.get(2), State.COMPLETE, OptionalDouble.empty()));
        }

        for (Direction direction : Direction.values()) {
            List<Map<String, Object>> proposals = optimizer().propose(
                    new ProposalRequest(space, direction, history, 2, 5));
            for (Map<String, Object> proposal : proposals) {
                assertFitsSpace(space, proposal);
            }
        }
    }

    @Test
    @Timeout(60)
    public void concurrentCallsAgreeWithASingleCall() throws Exception {
        Optimizer shared = optimizer();
        ProposalRequest request = request(searchSpace(), List.of(), 4, 99);
        List<Map<String, Object>> expected = shared.propose(request);
        List<Callable<List<Map<String, Object>>>> calls = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            calls.add(() -> shared.propose(request));
        }
        ExecutorService executor = Executors.newFixedThreadPool(4);
        try {
            for (Future<List<Map<String, Object>>> answer : executor.invokeAll(calls)) {
                assertEquals(expected, answer.get());
            }
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    public void closingTwiceIsHarmless() {
        Optimizer instance = optimizer();

        instance.close();

        assertDoesNotThrow(instance::close);
    }

    /** Fails unless {@code proposal} names exactly the space's dimensions, each with a value of its domain. */
    protected static void assertFitsSpace(SearchSpace space, Map<String, Object> proposal) {
        Set<String> names = new HashSet<>();
        for (Dimension dimension : space.dimensions()) {
            names.add(dimension.name());
            assertTrue(proposal.containsKey(dimension.name()), "no value for " + dimension.name() + " in " + proposal);
            assertInDomain(dimension.name(), dimension.domain(), proposal.get(dimension.name()));
        }
        assertEquals(names, proposal.keySet(), "the proposal's names differ from the space's");
    }

    /** Fails unless {@code value} is of the type and among the values that {@code domain} allows. */
    protected static void assertInDomain(String name, Domain domain, Object value) {
        String where = name + " = " + value + " (" + (value == null ? "null" : value.getClass().getSimpleName())
                + ") in " + domain;
        if (domain instanceof Domain.Choice choice) {
            assertTrue(choice.values().contains(value), where);
        } else if (domain instanceof Domain.Linear linear) {
            double v = number(value, linear.integer(), where);
            double steps = (v - linear.start()) / linear.step();
            double lastStep = Math.floor((linear.end() - linear.start()) / linear.step() + TOLERANCE);
            assertTrue(Math.abs(steps - Math.rint(steps)) < 1e-6, "off the grid: " + where);
            assertTrue(Math.rint(steps) >= 0 && Math.rint(steps) <= lastStep, "out of range: " + where);
        } else if (domain instanceof Domain.LogSpace log) {
            double v = number(value, log.integer(), where);
            for (int i = 0; i < log.count(); i++) {
                double exponent = log.count() == 1
                        ? log.start()
                        : log.start() + i * (log.end() - log.start()) / (log.count() - 1);
                double expected = Math.pow(log.base(), exponent);
                if (log.integer() ? v == Math.round(expected) : Math.abs(v - expected) <= 1e-9 * Math.abs(expected)) {
                    return;
                }
            }
            fail("not one of the log-spaced values: " + where);
        } else if (domain instanceof Domain.Distribution distribution) {
            double v = number(value, distribution.kind() == Domain.Distribution.Kind.INTEGER, where);
            assertTrue(v >= distribution.min() && v <= distribution.max(), "out of range: " + where);
        } else {
            fail("a domain this contract does not know: " + where);
        }
    }

    private static double number(Object value, boolean integer, String where) {
        if (integer) {
            assertTrue(value instanceof Long, "not a Long: " + where);
            return (Long) value;
        }
        assertTrue(value instanceof Double, "not a Double: " + where);
        double v = (Double) value;
        assertTrue(Double.isFinite(v), "not finite: " + where);
        return v;
    }

    private Optimizer newOptimizer() {
        try {
            return createOptimizer(tempDir);
        } catch (Exception e) {
            throw new AssertionError("could not create the optimizer under test", e);
        }
    }

    private Map<String, Object> firstProposal(SearchSpace space, long seed) {
        List<Map<String, Object>> proposals = optimizer().propose(request(space, List.of(), 1, seed));
        assertEquals(1, proposals.size(), "one proposal for a fresh task");
        return proposals.get(0);
    }

    private static ProposalRequest request(SearchSpace space, List<Trial> history, int count, long seed) {
        return new ProposalRequest(space, Direction.MINIMIZE, history, count, seed);
    }

    private static Trial complete(Map<String, Object> parameters, double objective) {
        return new Trial(parameters, State.COMPLETE, OptionalDouble.of(objective));
    }

    private static Trial trialInState(Map<String, Object> parameters, int i) {
        return switch (i % 3) {
            case 0 -> new Trial(parameters, State.PENDING, OptionalDouble.empty());
            case 1 -> complete(parameters, i);
            default -> new Trial(parameters, State.FAILED, OptionalDouble.empty());
        };
    }
}
