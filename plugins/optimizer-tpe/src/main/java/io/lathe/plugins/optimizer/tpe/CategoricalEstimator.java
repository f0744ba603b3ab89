package io.lathe.plugins.optimizer.tpe;

import java.util.SplittableRandom;

/**
 * The frequency of each category among some trials, smoothed by one pseudo-observation per category so that an
 * unseen category keeps a chance.
 */
final class CategoricalEstimator implements Estimator {

    private final double[] weights;
    private final double total;

    CategoricalEstimator(double[] observations, int categories) {
        weights = new double[categories];
        java.util.Arrays.fill(weights, 1);
        for (double observation : observations) {
            weights[(int) observation]++;
        }
        total = categories + observations.length;
    }

    @Override
    public double sample(SplittableRandom random) {
        double pick = random.nextDouble() * total;
        for (int i = 0; i < weights.length - 1; i++) {
            if (pick < weights[i]) {
                return i;
            }
            pick -= weights[i];
        }
        return weights.length - 1;
    }

    @Override
    public double logDensity(double coordinate) {
        return Math.log(weights[(int) coordinate] / total);
    }
}
