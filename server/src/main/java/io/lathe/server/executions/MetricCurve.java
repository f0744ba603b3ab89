package io.lathe.server.executions;

import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * One metadata key of an execution as a curve, against {@code step}, {@code epoch} or line order as the charts draw
 * it: what a task compares when it stops trials early.
 */
public record MetricCurve(double[] x, double[] y) {

    /** The curve of {@code key} so far, at most {@code limit} points (downsampled beyond), or empty. */
    public static Optional<MetricCurve> read(DataSource dataSource, String executionId, String key, int limit) {
        try {
            return MetadataSeries.read(dataSource, executionId, limit).results().stream()
                    .filter(result -> result.key().equals(key)).findFirst()
                    .map(result -> new MetricCurve(result.x(), result.y()));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the metadata of " + executionId, e);
        }
    }

    /** The best value at or before {@code step} (NaN when there is none). */
    public double bestUpTo(double step, boolean maximize) {
        double best = Double.NaN;
        for (int i = 0; i < x.length && x[i] <= step; i++) {
            if (Double.isNaN(best) || (maximize ? y[i] > best : y[i] < best)) {
                best = y[i];
            }
        }
        return best;
    }

    /** The last x reached, or NaN for an empty curve. */
    public double lastStep() {
        return x.length == 0 ? Double.NaN : x[x.length - 1];
    }
}
