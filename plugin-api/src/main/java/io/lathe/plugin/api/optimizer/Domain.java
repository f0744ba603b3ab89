package io.lathe.plugin.api.optimizer;

import java.util.List;
import java.util.Objects;

/** The values one parameter may take in a search. Discrete domains can be enumerated; distributions only sampled. */
public sealed interface Domain {

    /**
     * An explicit list of values (Valohai's {@code single} and {@code multiple} styles, and categorical choices).
     *
     * @param values {@link String}, {@link Long}, {@link Double} or {@link Boolean} values, at least one
     */
    record Choice(List<Object> values) implements Domain {
        /** Copies the list and checks it is not empty. */
        public Choice {
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("a choice needs at least one value");
            }
        }
    }

    /**
     * {@code start, start + step, ...} up to and including {@code end} (Valohai's {@code linear} style).
     *
     * @param integer whether values are whole numbers ({@link Long}) rather than {@link Double}
     */
    record Linear(double start, double end, double step, boolean integer) implements Domain {
        /** Checks that the step moves from start towards end. */
        public Linear {
            if (step == 0 || Math.signum(end - start) * Math.signum(step) < 0) {
                throw new IllegalArgumentException("step " + step + " does not lead from " + start + " to " + end);
            }
        }
    }

    /**
     * {@code count} values {@code base^x} for {@code x} evenly spaced from {@code start} to {@code end}, both
     * included (Valohai's {@code logspace} style).
     */
    record LogSpace(double start, double end, int count, double base, boolean integer) implements Domain {
        /** Checks the count and the base. */
        public LogSpace {
            if (count < 1) {
                throw new IllegalArgumentException("count < 1");
            }
            if (base <= 0) {
                throw new IllegalArgumentException("base <= 0");
            }
        }
    }

    /**
     * A continuous or integer range to sample from (Valohai's {@code random} style).
     *
     * @param kind how values are spread between {@code min} and {@code max} (both included)
     */
    record Distribution(Kind kind, double min, double max) implements Domain {
        /** Checks the bounds. */
        public Distribution {
            Objects.requireNonNull(kind, "kind");
            if (max < min) {
                throw new IllegalArgumentException("max < min");
            }
            if (kind == Kind.LOG_UNIFORM && min <= 0) {
                throw new IllegalArgumentException("a log-uniform range needs min > 0");
            }
        }

        /** How a distribution spreads its values. */
        public enum Kind {
            /** Every real value in the range equally likely. */
            UNIFORM,
            /** Every order of magnitude in the range equally likely. */
            LOG_UNIFORM,
            /** Every whole number in the range equally likely. */
            INTEGER
        }
    }
}
