package io.lathe.plugins.optimizer.grid;

import io.lathe.plugin.api.PluginException;
import io.lathe.plugin.api.optimizer.Domain;
import io.lathe.plugin.api.optimizer.SearchSpace.Dimension;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The values a grid tries for one dimension. Computed values are rounded to 15 significant digits, so that a step
 * of 0.1 gives 0.3 rather than 0.30000000000000004; a range includes its end when the steps reach it within
 * floating-point tolerance. Whole-number log-spaced values that round to the same number are tried once.
 */
final class DomainValues {

    // In steps: (0.3 - 0) / 0.1 is 2.9999999999999996, which must count as reaching 3.
    private static final double STEP_TOLERANCE = 1e-9;
    private static final MathContext SIGNIFICANT = new MathContext(15);

    private DomainValues() {
    }

    /** How many values {@link #enumerate} gives, or at most that many; may be infinite for a tiny step. */
    static double count(Dimension dimension) {
        Domain domain = dimension.domain();
        if (domain instanceof Domain.Choice choice) {
            return choice.values().size();
        }
        if (domain instanceof Domain.Linear linear) {
            requireFinite(dimension, linear);
            requireWholeIfInteger(dimension, linear);
            return Math.floor(steps(linear) + STEP_TOLERANCE) + 1;
        }
        if (domain instanceof Domain.LogSpace log) {
            return log.count();
        }
        throw unsupported(dimension);
    }

    /** The values in order; call only after {@link #count} was checked against a limit. */
    static List<Object> enumerate(Dimension dimension) {
        Domain domain = dimension.domain();
        if (domain instanceof Domain.Choice choice) {
            return choice.values();
        }
        if (domain instanceof Domain.Linear linear) {
            return linear(dimension, linear);
        }
        if (domain instanceof Domain.LogSpace log) {
            return logSpace(dimension, log);
        }
        throw unsupported(dimension);
    }

    private static List<Object> linear(Dimension dimension, Domain.Linear linear) {
        long count = (long) count(dimension);
        List<Object> values = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            values.add(linearValue(linear, i, count));
        }
        return List.copyOf(values);
    }

    /**
     * The value numbered {@code index} (from 0) of a linear or log-spaced dimension of {@code count} steps, as
     * {@link #enumerate} gives it, without enumerating the others (for a random search of a very fine range). Unlike
     * {@link #enumerate}, whole log-spaced values that round alike keep one index each.
     */
    static Object valueAt(Dimension dimension, long index, long count) {
        if (dimension.domain() instanceof Domain.Linear linear) {
            return linearValue(linear, index, count);
        }
        if (dimension.domain() instanceof Domain.LogSpace log) {
            return logValue(dimension, log, (int) index);
        }
        throw new IllegalArgumentException("not a range: " + dimension);
    }

    private static Object linearValue(Domain.Linear linear, long i, long count) {
        double value = linear.start() + i * linear.step();
        if (i == count - 1 && Math.abs(value - linear.end()) <= STEP_TOLERANCE * Math.abs(linear.step())) {
            value = linear.end();
        }
        return linear.integer() ? (Object) Math.round(value) : (Object) clean(value);
    }

    private static List<Object> logSpace(Dimension dimension, Domain.LogSpace log) {
        LinkedHashSet<Object> values = new LinkedHashSet<>();
        for (int i = 0; i < log.count(); i++) {
            values.add(logValue(dimension, log, i));
        }
        return List.copyOf(values);
    }

    private static Object logValue(Dimension dimension, Domain.LogSpace log, int i) {
        double exponent = log.count() == 1 ? log.start()
                : i == log.count() - 1 ? log.end()
                : log.start() + i * (log.end() - log.start()) / (log.count() - 1);
        double value = Math.pow(log.base(), exponent);
        if (!Double.isFinite(value)) {
            throw new PluginException("invalid-domain", "parameter '" + dimension.name() + "': "
                    + log.base() + "^" + exponent + " is too large for a number");
        }
        return log.integer() ? (Object) Math.round(value) : (Object) clean(value);
    }

    private static PluginException unsupported(Dimension dimension) {
        return new PluginException("unsupported-domain", "grid search cannot enumerate parameter '" + dimension.name()
                + "': its values are drawn from a distribution; give a list, a linear or a logspace range, "
                + "or use a random search");
    }

    private static double steps(Domain.Linear linear) {
        return (linear.end() - linear.start()) / linear.step();
    }

    // The Linear record lets NaN through (its sign check is false for NaN), which would make an empty grid.
    private static void requireFinite(Dimension dimension, Domain.Linear linear) {
        if (!Double.isFinite(linear.start()) || !Double.isFinite(linear.end()) || !Double.isFinite(linear.step())) {
            throw new PluginException("invalid-domain", "parameter '" + dimension.name()
                    + "' needs a finite start, end and step, not " + linear.start() + ", " + linear.end() + " and "
                    + linear.step());
        }
    }

    private static void requireWholeIfInteger(Dimension dimension, Domain.Linear linear) {
        if (linear.integer() && (!isWhole(linear.start()) || !isWhole(linear.step()))) {
            throw new PluginException("invalid-domain", "parameter '" + dimension.name()
                    + "' is a whole number, so its range needs a whole start and step, not start " + linear.start()
                    + " and step " + linear.step());
        }
    }

    private static boolean isWhole(double value) {
        return Double.isFinite(value) && value == Math.rint(value);
    }

    private static double clean(double value) {
        return value == 0 ? 0.0 : new BigDecimal(value).round(SIGNIFICANT).doubleValue();
    }
}
