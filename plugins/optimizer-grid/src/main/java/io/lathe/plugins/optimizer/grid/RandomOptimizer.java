package io.lathe.plugins.optimizer.grid;

import io.lathe.plugin.api.PluginException;
import io.lathe.plugin.api.optimizer.Domain;
import io.lathe.plugin.api.optimizer.Optimizer;
import io.lathe.plugin.api.optimizer.ProposalRequest;
import io.lathe.plugin.api.optimizer.SearchSpace.Dimension;
import io.lathe.plugin.api.optimizer.Trial;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Draws every parameter independently: a choice or a linear or log-spaced range uniformly among its values, a
 * distribution by its kind. Keeps no state: the random numbers come from the task's seed and the history's length,
 * so the same request gets the same proposals and a call made after more trials were proposed gets fresh ones.
 *
 * <p>A parameter set the history holds, or one proposed earlier in the same call, is drawn again. A space whose
 * values can all be listed and that has few enough combinations is searched without repeats until exhausted; in
 * other spaces repeats are merely unlikely, and a call returns fewer proposals when {@value #DRAWS} draws in a row
 * were all repeats.
 */
final class RandomOptimizer implements Optimizer {

    /** Draws of one proposal before a nearly exhausted space is listed (or given up on). */
    static final int DRAWS = 64;
    /** The largest space listed to find its untried combinations. */
    static final long LISTABLE = 100_000;

    @Override
    public List<Map<String, Object>> propose(ProposalRequest request) {
        List<Dimension> dimensions = request.space().dimensions();
        List<Sampler> samplers = dimensions.stream().map(RandomOptimizer::sampler).toList();
        SplittableRandom random = random(request.seed(), request.history().size());
        Set<Map<String, Object>> taken = new HashSet<>();
        for (Trial trial : request.history()) {
            taken.add(trial.parameters());
        }
        List<Map<String, Object>> proposals = new ArrayList<>();
        while (proposals.size() < request.count()) {
            Map<String, Object> proposal = null;
            for (int draw = 0; draw < DRAWS && proposal == null; draw++) {
                Map<String, Object> candidate = new LinkedHashMap<>();
                for (int d = 0; d < dimensions.size(); d++) {
                    candidate.put(dimensions.get(d).name(), samplers.get(d).sample(random));
                }
                if (taken.add(candidate)) {
                    proposal = candidate;
                }
            }
            if (proposal == null) {
                proposals.addAll(untried(request, taken, request.count() - proposals.size(), random));
                break;
            }
            proposals.add(Collections.unmodifiableMap(proposal));
        }
        return List.copyOf(proposals);
    }

    /**
     * The random numbers of one call: a function of the seed and how many trials came before, so that a task's
     * asynchronous calls are reproducible one by one.
     */
    static SplittableRandom random(long seed, int historySize) {
        return new SplittableRandom(mix(mix(seed) + historySize));
    }

    // The SplitMix64 finaliser: nearby seeds and history sizes give unrelated streams.
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Up to {@code wanted} combinations not yet taken, in random order, or none if the space is too large to list. */
    private static List<Map<String, Object>> untried(ProposalRequest request, Set<Map<String, Object>> taken,
            int wanted, SplittableRandom random) {
        double size = 1;
        for (Dimension dimension : request.space().dimensions()) {
            if (dimension.domain() instanceof Domain.Distribution) {
                return List.of();
            }
            size *= DomainValues.count(dimension);
        }
        if (size > LISTABLE) {
            return List.of();
        }
        Grid grid = Grid.of(request.space(), LISTABLE);
        List<Map<String, Object>> untried = new ArrayList<>();
        for (long index = 0; index < grid.size(); index++) {
            Map<String, Object> combination = grid.combination(index);
            if (!taken.contains(combination)) {
                untried.add(combination);
            }
        }
        int picked = Math.min(wanted, untried.size());
        for (int i = 0; i < picked; i++) {
            Collections.swap(untried, i, i + random.nextInt(untried.size() - i));
        }
        return untried.subList(0, picked);
    }

    private static Sampler sampler(Dimension dimension) {
        Domain domain = dimension.domain();
        if (domain instanceof Domain.Choice choice) {
            List<Object> values = choice.values();
            return random -> values.get(random.nextInt(values.size()));
        }
        if (domain instanceof Domain.Distribution distribution) {
            return distributionSampler(dimension, distribution);
        }
        long count = (long) DomainValues.count(dimension);
        if (count < 1 || count >= Long.MAX_VALUE) {
            throw new PluginException("invalid-domain", "parameter '" + dimension.name() + "' has "
                    + (count < 1 ? "no values" : "too many values to draw from") + ": " + domain);
        }
        return random -> DomainValues.valueAt(dimension, random.nextLong(count), count);
    }

    private static Sampler distributionSampler(Dimension dimension, Domain.Distribution distribution) {
        double min = distribution.min();
        double max = distribution.max();
        if (!Double.isFinite(min) || !Double.isFinite(max)) {
            throw new PluginException("invalid-domain", "parameter '" + dimension.name()
                    + "' needs a finite min and max, not " + min + " and " + max);
        }
        return switch (distribution.kind()) {
            case UNIFORM -> random -> min + random.nextDouble() * (max - min);
            case LOG_UNIFORM -> {
                double low = Math.log(min);
                double high = Math.log(max);
                yield random -> Math.min(max, Math.max(min, Math.exp(low + random.nextDouble() * (high - low))));
            }
            case INTEGER -> {
                long low = (long) Math.ceil(min);
                long high = (long) Math.floor(max);
                if (low > high) {
                    throw new PluginException("invalid-domain", "parameter '" + dimension.name()
                            + "' has no whole number between " + min + " and " + max);
                }
                yield random -> low + random.nextLong(high - low + 1);
            }
        };
    }

    /** Draws one value of one dimension. */
    @FunctionalInterface
    private interface Sampler {
        Object sample(SplittableRandom random);
    }
}
