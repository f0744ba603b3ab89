package io.lathe.plugins.optimizer.tpe;

import io.lathe.plugin.api.optimizer.Optimizer;
import io.lathe.plugin.api.optimizer.ProposalRequest;
import io.lathe.plugin.api.optimizer.ProposalRequest.Direction;
import io.lathe.plugin.api.optimizer.Trial;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Bayesian search with a Tree-structured Parzen Estimator (Bergstra et al., 2011). Until {@code startupTrials} trials
 * have an objective, proposals are drawn uniformly from the space (on the log scale for log-uniform distributions and
 * log-spaced ranges). After that, the finished trials are split into the best few ("good", see {@link #goodCount})
 * and the rest ("bad"); for each parameter a {@link ParzenEstimator} (or, for a choice, a
 * {@link CategoricalEstimator}) models where good values lie, l(x), and where bad ones lie, g(x). Of
 * {@code candidates} points drawn from l, the one with the greatest l(x)/g(x) is proposed, the parameters taken as
 * independent.
 *
 * <p>Trials still running, and proposals made earlier in the same call, count as bad (a "constant liar"), which
 * steers parallel proposals away from each other. Failed trials and trials without an objective only count as tried.
 * A parameter set the history holds is never proposed again, and a finite space is searched until exhausted.
 *
 * <p>Keeps no state: the random numbers come from the task's seed and the history's length, so the same request
 * gets the same proposals.
 */
final class TpeOptimizer implements Optimizer {

    /** Draws of one proposal before a nearly exhausted space is listed (or given up on). */
    static final int DRAWS = 64;
    /** The largest finite space listed to find its untried combinations. */
    static final double LISTABLE = 100_000;

    private final int startupTrials;
    private final int candidates;

    TpeOptimizer(int startupTrials, int candidates) {
        if (startupTrials < 1 || candidates < 1) {
            throw new IllegalArgumentException("startupTrials and candidates must be at least 1");
        }
        this.startupTrials = startupTrials;
        this.candidates = candidates;
    }

    /**
     * How many of {@code finished} trials count as good: a quarter, rounded up, at most 25, so that the good ones
     * stay the best while the model of the bad ones grows with the history. (A quarter searched better than a tenth
     * or a square-root rule in bench/OptimizerBenchmark.java, on seeds other than those it reports.)
     */
    static int goodCount(int finished) {
        return Math.min(25, Math.max(1, (int) Math.ceil(0.25 * finished)));
    }

    @Override
    public List<Map<String, Object>> propose(ProposalRequest request) {
        List<Axis> axes = request.space().dimensions().stream().map(Axis::of).toList();
        SplittableRandom random = random(request.seed(), request.history().size());
        Set<Map<String, Object>> taken = new HashSet<>();
        List<Scored> finished = new ArrayList<>();
        List<double[]> running = new ArrayList<>();
        double sign = request.direction() == Direction.MAXIMIZE ? -1 : 1;
        for (Trial trial : request.history()) {
            taken.add(trial.parameters());
            double[] point = coordinates(axes, trial.parameters());
            if (point == null) {
                continue;
            }
            OptionalDouble objective = trial.objective();
            if (trial.state() == Trial.State.COMPLETE && objective.isPresent()
                    && Double.isFinite(objective.getAsDouble())) {
                finished.add(new Scored(point, sign * objective.getAsDouble()));
            } else if (trial.state() == Trial.State.PENDING) {
                running.add(point);
            }
        }
        finished.sort(Comparator.comparingDouble(Scored::score));

        List<Map<String, Object>> proposals = new ArrayList<>();
        while (proposals.size() < request.count()) {
            double[] point = finished.size() < startupTrials
                    ? draw(axes, taken, random)
                    : best(axes, finished, running, taken, random);
            if (point == null) {
                proposals.addAll(untried(axes, taken, request.count() - proposals.size(), random));
                break;
            }
            Map<String, Object> proposal = parameters(axes, point);
            taken.add(proposal);
            running.add(point);
            proposals.add(proposal);
        }
        return List.copyOf(proposals);
    }

    /** The candidate drawn from the good trials' model that is most likely good rather than bad, or null. */
    private double[] best(List<Axis> axes, List<Scored> finished, List<double[]> running,
            Set<Map<String, Object>> taken, SplittableRandom random) {
        int good = goodCount(finished.size());
        List<double[]> bad = new ArrayList<>(running);
        for (Scored scored : finished.subList(good, finished.size())) {
            bad.add(scored.point());
        }
        List<Estimator> goodModels = new ArrayList<>();
        List<Estimator> badModels = new ArrayList<>();
        for (int d = 0; d < axes.size(); d++) {
            double[] goodValues = new double[good];
            for (int i = 0; i < good; i++) {
                goodValues[i] = finished.get(i).point()[d];
            }
            double[] badValues = new double[bad.size()];
            for (int i = 0; i < bad.size(); i++) {
                badValues[i] = bad.get(i)[d];
            }
            goodModels.add(estimator(axes.get(d), goodValues));
            badModels.add(estimator(axes.get(d), badValues));
        }
        double[] best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < candidates; c++) {
            double[] point = new double[axes.size()];
            double score = 0;
            for (int d = 0; d < axes.size(); d++) {
                point[d] = axes.get(d).snap(goodModels.get(d).sample(random));
                score += goodModels.get(d).logDensity(point[d]) - badModels.get(d).logDensity(point[d]);
            }
            if (score > bestScore && !taken.contains(parameters(axes, point))) {
                best = point;
                bestScore = score;
            }
        }
        return best != null ? best : draw(axes, taken, random);
    }

    private static Estimator estimator(Axis axis, double[] values) {
        return axis.categorical()
                ? new CategoricalEstimator(values, (int) axis.size())
                : new ParzenEstimator(values, axis.low(), axis.high(), axis instanceof Axis.Steps);
    }

    /** A point drawn uniformly (in coordinates) that was not taken yet, or null after {@value #DRAWS} repeats. */
    private static double[] draw(List<Axis> axes, Set<Map<String, Object>> taken, SplittableRandom random) {
        for (int attempt = 0; attempt < DRAWS; attempt++) {
            double[] point = new double[axes.size()];
            for (int d = 0; d < axes.size(); d++) {
                Axis axis = axes.get(d);
                double coordinate = axis instanceof Axis.Continuous
                        ? axis.low() + random.nextDouble() * (axis.high() - axis.low())
                        : random.nextLong((long) axis.size());
                point[d] = axis.snap(coordinate);
            }
            if (!taken.contains(parameters(axes, point))) {
                return point;
            }
        }
        return null;
    }

    /** Up to {@code wanted} untried combinations of a small finite space, in random order. */
    private static List<Map<String, Object>> untried(List<Axis> axes, Set<Map<String, Object>> taken, int wanted,
            SplittableRandom random) {
        double size = 1;
        for (Axis axis : axes) {
            size *= axis.size();
        }
        if (size > LISTABLE) {
            return List.of();
        }
        Set<Map<String, Object>> untried = new java.util.LinkedHashSet<>();
        for (long index = 0; index < (long) size; index++) {
            double[] point = new double[axes.size()];
            long rest = index;
            for (int d = axes.size() - 1; d >= 0; d--) {
                long count = (long) axes.get(d).size();
                point[d] = rest % count;
                rest /= count;
            }
            Map<String, Object> combination = parameters(axes, point);
            if (!taken.contains(combination)) {
                untried.add(combination);
            }
        }
        List<Map<String, Object>> shuffled = new ArrayList<>(untried);
        int picked = Math.min(wanted, shuffled.size());
        for (int i = 0; i < picked; i++) {
            Collections.swap(shuffled, i, i + random.nextInt(shuffled.size() - i));
        }
        return shuffled.subList(0, picked);
    }

    /** A trial's coordinates, or null if one of its values is not in the space (the space changed). */
    private static double[] coordinates(List<Axis> axes, Map<String, Object> parameters) {
        double[] point = new double[axes.size()];
        for (int d = 0; d < axes.size(); d++) {
            OptionalDouble coordinate = axes.get(d).coordinate(parameters.get(axes.get(d).name));
            if (coordinate.isEmpty()) {
                return null;
            }
            point[d] = coordinate.getAsDouble();
        }
        return point;
    }

    private static Map<String, Object> parameters(List<Axis> axes, double[] point) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        for (int d = 0; d < axes.size(); d++) {
            parameters.put(axes.get(d).name, axes.get(d).value(point[d]));
        }
        return Collections.unmodifiableMap(parameters);
    }

    /** The random numbers of one call, from the seed and how many trials came before. */
    static SplittableRandom random(long seed, int historySize) {
        return new SplittableRandom(mix(mix(seed ^ 0x7E5L) + historySize));
    }

    // The SplitMix64 finaliser: nearby seeds and history sizes give unrelated streams.
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A finished trial's coordinates and objective, lower better. */
    private record Scored(double[] point, double score) {
    }
}
