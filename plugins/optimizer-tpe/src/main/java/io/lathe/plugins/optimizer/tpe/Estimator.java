package io.lathe.plugins.optimizer.tpe;

import java.util.SplittableRandom;

/** A density over one {@link Axis}, fitted to the coordinates of some trials: sampled from and compared. */
interface Estimator {

    /** Draws a coordinate (not yet snapped to the axis' values). */
    double sample(SplittableRandom random);

    /** The logarithm of the density (or, on a discrete axis, the probability) at a snapped coordinate. */
    double logDensity(double coordinate);
}
