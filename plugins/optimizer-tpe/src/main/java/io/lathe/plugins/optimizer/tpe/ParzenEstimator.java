package io.lathe.plugins.optimizer.tpe;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * An adaptive Parzen estimator on a bounded line: a mixture of Gaussians truncated to the bounds, one centred on each
 * observation plus a wide prior component centred on the middle of the range, all weighted equally. Each
 * observation's width is the larger distance to its neighbours (in sorted order, the prior's centre among them),
 * clipped between the range divided by {@code min(100, 1 + components)} and the whole range, which is also the
 * prior's width: dense clusters give narrow peaks, lone observations broad ones (Bergstra et al., 2011).
 *
 * <p>On a discrete axis (whole step numbers) the line runs half a step beyond the first and last values and a value's
 * probability is the mixture's mass within half a step of it.
 */
final class ParzenEstimator implements Estimator {

    private static final double PRIOR_WEIGHT = 1;
    private static final double MAX_NARROWING = 100;
    private static final double TINY = 1e-300;

    private final double low;
    private final double high;
    private final boolean discrete;
    private final double[] means;
    private final double[] widths;
    private final double[] weights;
    private final double[] masses;
    private final double totalWeight;

    /**
     * Fits the estimator.
     *
     * @param observations coordinates of the trials it models, any order, may be empty
     * @param low lowest coordinate
     * @param high highest coordinate
     * @param discrete whether only whole coordinates from {@code low} to {@code high} are values
     */
    ParzenEstimator(double[] observations, double low, double high, boolean discrete) {
        this.discrete = discrete;
        this.low = discrete ? low - 0.5 : low;
        this.high = discrete ? high + 0.5 : high;
        double range = this.high - this.low;
        double priorMean = (this.low + this.high) / 2;
        int n = observations.length + 1;
        double[] sorted = Arrays.copyOf(observations, n);
        sorted[n - 1] = priorMean;
        Arrays.sort(sorted);
        means = sorted;
        widths = new double[n];
        weights = new double[n];
        masses = new double[n];
        boolean priorPlaced = false;
        double minWidth = range / Math.min(MAX_NARROWING, 1 + n);
        for (int i = 0; i < n; i++) {
            if (!priorPlaced && means[i] == priorMean) {
                priorPlaced = true;
                widths[i] = range;
                weights[i] = PRIOR_WEIGHT;
            } else {
                double left = i > 0 ? means[i] - means[i - 1] : 0;
                double right = i < n - 1 ? means[i + 1] - means[i] : 0;
                widths[i] = Math.max(minWidth, Math.min(range, Math.max(left, right)));
                weights[i] = 1;
            }
            masses[i] = range > 0 ? Math.max(TINY, mass(i, this.low, this.high)) : 1;
        }
        totalWeight = Arrays.stream(weights).sum();
    }

    @Override
    public double sample(SplittableRandom random) {
        if (high <= low) {
            return low;
        }
        double pick = random.nextDouble() * totalWeight;
        int component = 0;
        while (component < means.length - 1 && pick >= weights[component]) {
            pick -= weights[component];
            component++;
        }
        // Each component keeps at least a sixth of its mass within the bounds (its centre is inside and it is
        // no wider than the range), so a few draws suffice.
        for (int attempt = 0; attempt < 100; attempt++) {
            double x = means[component] + widths[component] * gaussian(random);
            if (x >= low && x <= high) {
                return x;
            }
        }
        return Math.max(low, Math.min(high, means[component]));
    }

    @Override
    public double logDensity(double coordinate) {
        if (high <= low) {
            return 0;
        }
        double sum = 0;
        for (int i = 0; i < means.length; i++) {
            double density = discrete
                    ? mass(i, Math.max(low, coordinate - 0.5), Math.min(high, coordinate + 0.5))
                    : Math.exp(-0.5 * square((coordinate - means[i]) / widths[i]))
                            / (widths[i] * Math.sqrt(2 * Math.PI));
            sum += weights[i] * density / masses[i];
        }
        return Math.log(Math.max(TINY, sum / totalWeight));
    }

    /** The mass of component {@code i} between {@code from} and {@code to}. */
    private double mass(int i, double from, double to) {
        double a = (from - means[i]) / widths[i];
        double b = (to - means[i]) / widths[i];
        // Subtract upper tails when both ends lie above the centre, lower tails otherwise: no cancellation in a tail.
        return a > 0 ? (upperTail(a) - upperTail(b)) : (upperTail(-b) - upperTail(-a));
    }

    /** P(Z > z) for a standard normal Z. */
    static double upperTail(double z) {
        return 0.5 * complementaryError(z / Math.sqrt(2));
    }

    /**
     * erfc(x), with a relative error below 1.2e-7 everywhere: the Chebyshev fit of Press et al., Numerical Recipes
     * (6.2), which stays accurate in the tails where 1 - erf(x) would lose every digit.
     */
    static double complementaryError(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double poly = -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277))))))));
        double tail = t * Math.exp(poly);
        return x >= 0 ? tail : 2 - tail;
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    private static double square(double x) {
        return x * x;
    }
}
