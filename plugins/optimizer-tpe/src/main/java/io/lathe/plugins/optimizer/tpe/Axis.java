package io.lathe.plugins.optimizer.tpe;

import io.lathe.plugin.api.PluginException;
import io.lathe.plugin.api.optimizer.Domain;
import io.lathe.plugin.api.optimizer.SearchSpace.Dimension;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.OptionalDouble;

/**
 * One dimension of the search space as the estimators see it: a coordinate on a line, in which the density of good
 * and bad results is modelled. Choices are categories (the coordinate is the value's position); linear and
 * log-spaced ranges and integer distributions are ordinal, the coordinate being a value's step number, so a
 * log-spaced range is modelled on the exponent; uniform and log-uniform distributions are continuous, a log-uniform
 * one on the logarithm of the value.
 */
abstract sealed class Axis {

    private static final MathContext SIGNIFICANT = new MathContext(15);
    private static final double STEP_TOLERANCE = 1e-9;
    private static final double MAX_STEPS = 1e15;

    final String name;

    private Axis(String name) {
        this.name = name;
    }

    /**
     * The axis of {@code dimension}.
     *
     * @throws PluginException {@code invalid-domain} for a domain without values or with infinite bounds
     */
    static Axis of(Dimension dimension) {
        Domain domain = dimension.domain();
        String name = dimension.name();
        if (domain instanceof Domain.Choice choice) {
            return new Categorical(name, choice.values());
        }
        if (domain instanceof Domain.Linear linear) {
            return new LinearSteps(dimension, linear);
        }
        if (domain instanceof Domain.LogSpace log) {
            return new LogSteps(log, name);
        }
        Domain.Distribution distribution = (Domain.Distribution) domain;
        if (!Double.isFinite(distribution.min()) || !Double.isFinite(distribution.max())) {
            throw new PluginException("invalid-domain", "parameter '" + name + "' needs a finite min and max, not "
                    + distribution.min() + " and " + distribution.max());
        }
        return switch (distribution.kind()) {
            case UNIFORM -> new Continuous(name, distribution.min(), distribution.max(), false);
            case LOG_UNIFORM -> new Continuous(name, distribution.min(), distribution.max(), true);
            case INTEGER -> new WholeNumbers(name, distribution.min(), distribution.max());
        };
    }

    /** Whether values are unordered categories, numbered 0 to {@link #size()} - 1. */
    boolean categorical() {
        return false;
    }

    /** The lowest coordinate. */
    abstract double low();

    /** The highest coordinate. */
    abstract double high();

    /** How many values the axis has; {@link Double#POSITIVE_INFINITY} for a continuous one. */
    abstract double size();

    /** The coordinate of a value, or empty if it is not one of the axis' values (a trial of an older space). */
    abstract OptionalDouble coordinate(Object value);

    /** The nearest valid coordinate: a whole step number on an ordinal or categorical axis, within bounds. */
    double snap(double coordinate) {
        return Math.max(low(), Math.min(high(), coordinate));
    }

    /** The parameter value at a {@linkplain #snap snapped} coordinate. */
    abstract Object value(double coordinate);

    static double number(Object value) {
        return value instanceof Number number ? number.doubleValue() : Double.NaN;
    }

    // As grid search rounds them, so that 0.1 steps give 0.3 rather than 0.30000000000000004.
    static double clean(double value) {
        return value == 0 ? 0.0 : new BigDecimal(value).round(SIGNIFICANT).doubleValue();
    }

    /** A choice among listed values. */
    static final class Categorical extends Axis {
        private final List<Object> values;

        Categorical(String name, List<Object> values) {
            super(name);
            this.values = values;
        }

        @Override
        boolean categorical() {
            return true;
        }

        @Override
        double low() {
            return 0;
        }

        @Override
        double high() {
            return values.size() - 1;
        }

        @Override
        double size() {
            return values.size();
        }

        @Override
        OptionalDouble coordinate(Object value) {
            int index = values.indexOf(value);
            return index < 0 ? OptionalDouble.empty() : OptionalDouble.of(index);
        }

        @Override
        double snap(double coordinate) {
            return super.snap(Math.rint(coordinate));
        }

        @Override
        Object value(double coordinate) {
            return values.get((int) coordinate);
        }
    }

    /** Values at numbered steps, modelled as a line of whole step numbers. */
    abstract static sealed class Steps extends Axis {
        private final double count;

        Steps(String name, double count) {
            super(name);
            this.count = count;
        }

        @Override
        final double low() {
            return 0;
        }

        @Override
        final double high() {
            return count - 1;
        }

        @Override
        final double size() {
            return count;
        }

        @Override
        final double snap(double coordinate) {
            return super.snap(Math.rint(coordinate));
        }

        final OptionalDouble within(double step) {
            return Double.isFinite(step) && step > -0.5 && step < count - 0.5
                    ? OptionalDouble.of(step) : OptionalDouble.empty();
        }
    }

    /** {@code start, start + step, ...} up to {@code end}. */
    static final class LinearSteps extends Steps {
        private final Domain.Linear linear;

        LinearSteps(Dimension dimension, Domain.Linear linear) {
            super(dimension.name(), count(dimension, linear));
            this.linear = linear;
        }

        private static double count(Dimension dimension, Domain.Linear linear) {
            if (!Double.isFinite(linear.start()) || !Double.isFinite(linear.end())
                    || !Double.isFinite(linear.step())) {
                throw new PluginException("invalid-domain", "parameter '" + dimension.name()
                        + "' needs a finite start, end and step");
            }
            if (linear.integer() && (linear.start() != Math.rint(linear.start())
                    || linear.step() != Math.rint(linear.step()))) {
                throw new PluginException("invalid-domain", "parameter '" + dimension.name()
                        + "' is a whole number, so its range needs a whole start and step");
            }
            double count = Math.floor((linear.end() - linear.start()) / linear.step() + STEP_TOLERANCE) + 1;
            // Step numbers are modelled as doubles, exact up to 2^53; no search tells a quadrillion steps apart.
            if (!(count <= MAX_STEPS)) {
                throw new PluginException("invalid-domain", "parameter '" + dimension.name() + "' has more than "
                        + String.format("%,.0f", MAX_STEPS) + " values: use a coarser step or a distribution");
            }
            return count;
        }

        @Override
        OptionalDouble coordinate(Object value) {
            return within((number(value) - linear.start()) / linear.step());
        }

        @Override
        Object value(double coordinate) {
            double value = linear.start() + coordinate * linear.step();
            if (coordinate == high() && Math.abs(value - linear.end()) <= STEP_TOLERANCE * Math.abs(linear.step())) {
                value = linear.end();
            }
            return linear.integer() ? (Object) Math.round(value) : (Object) clean(value);
        }
    }

    /** {@code base^x} for {@code count} exponents evenly spaced from start to end; modelled on the exponent. */
    static final class LogSteps extends Steps {
        private final Domain.LogSpace log;

        LogSteps(Domain.LogSpace log, String name) {
            super(name, log.count());
            this.log = log;
        }

        private double exponentStep() {
            return log.count() == 1 ? 0 : (log.end() - log.start()) / (log.count() - 1);
        }

        @Override
        OptionalDouble coordinate(Object value) {
            double exponent = Math.log(number(value)) / Math.log(log.base());
            return exponentStep() == 0 ? within(0) : within((exponent - log.start()) / exponentStep());
        }

        @Override
        Object value(double coordinate) {
            double exponent = coordinate == high() ? log.end() : log.start() + coordinate * exponentStep();
            if (log.count() == 1) {
                exponent = log.start();
            }
            double value = Math.pow(log.base(), exponent);
            if (!Double.isFinite(value)) {
                throw new PluginException("invalid-domain", "parameter '" + name + "': " + log.base() + "^"
                        + exponent + " is too large for a number");
            }
            return log.integer() ? (Object) Math.round(value) : (Object) clean(value);
        }
    }

    /** Every whole number from {@code min} to {@code max}. */
    static final class WholeNumbers extends Steps {
        private final long first;

        WholeNumbers(String name, double min, double max) {
            super(name, Math.floor(max) - Math.ceil(min) + 1);
            if (size() < 1) {
                throw new PluginException("invalid-domain", "parameter '" + name + "' has no whole number between "
                        + min + " and " + max);
            }
            this.first = (long) Math.ceil(min);
        }

        @Override
        OptionalDouble coordinate(Object value) {
            return within(number(value) - first);
        }

        @Override
        Object value(double coordinate) {
            return first + (long) coordinate;
        }
    }

    /** A real range, on a logarithmic scale if log-uniform. */
    static final class Continuous extends Axis {
        private final double min;
        private final double max;
        private final boolean logarithmic;

        Continuous(String name, double min, double max, boolean logarithmic) {
            super(name);
            this.min = min;
            this.max = max;
            this.logarithmic = logarithmic;
        }

        @Override
        double low() {
            return logarithmic ? Math.log(min) : min;
        }

        @Override
        double high() {
            return logarithmic ? Math.log(max) : max;
        }

        @Override
        double size() {
            return min == max ? 1 : Double.POSITIVE_INFINITY;
        }

        @Override
        OptionalDouble coordinate(Object value) {
            double v = number(value);
            return v >= min && v <= max ? OptionalDouble.of(logarithmic ? Math.log(v) : v) : OptionalDouble.empty();
        }

        @Override
        Object value(double coordinate) {
            double value = logarithmic ? Math.exp(coordinate) : coordinate;
            return Math.max(min, Math.min(max, value));
        }
    }
}
