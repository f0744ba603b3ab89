package io.lathe.server.executions;

import java.util.Arrays;
import java.util.Objects;

/**
 * One numeric metadata key of an execution as a chart's series, built point by point in one pass and never holding
 * more than a few times {@code limit} points, however long the run.
 *
 * <p>While the series has at most {@code limit} points it keeps them all. Past that it is downsampled with the M4
 * rule: the run's points (all keys together, in printed order) are split into {@code limit / 4} equal buckets by
 * their position, and of this key's points in each bucket only the first, the last, the smallest and the largest
 * are kept. That draws the same line at chart resolution, and always keeps the first and last point and the
 * extremes. The bucket of a point is known when it arrives because the caller says up front how many points the
 * run has ({@code totalPoints}).
 *
 * <p>The x axis is {@code step} when every point of the key carries a numeric {@code step}, else {@code epoch} on
 * the same terms, else the point's position among all the run's points ({@code line}, from 0).
 */
final class MetricSeries {

    /** The x axis a series is drawn against. */
    enum Axis {
        STEP("step"), EPOCH("epoch"), LINE("line");

        final String apiName;

        Axis(String apiName) {
            this.apiName = apiName;
        }
    }

    /** A finished series: {@code x} and {@code y} of equal length, in printed order. */
    record Result(String key, Axis axis, long count, boolean downsampled, double[] x, double[] y) {
    }

    private final String key;
    private final int limit;
    private final long totalPoints;
    private final int buckets;

    /** Every point while there are at most {@code limit}; null once there are more. */
    private Points raw;
    /** Per bucket, four slots: first, last, min, max (a slot's line is -1 while empty). */
    private final Points bucketed;
    private long count;
    private boolean allHaveStep = true;
    private boolean allHaveEpoch = true;

    /**
     * @param limit the most points the result may hold, 4 or more
     * @param totalPoints how many points (of any key) the run has, the positions given to {@link #add} being below
     */
    MetricSeries(String key, int limit, long totalPoints) {
        if (limit < 4) {
            throw new IllegalArgumentException("limit must be 4 or more: " + limit);
        }
        this.key = Objects.requireNonNull(key);
        this.limit = limit;
        this.totalPoints = Math.max(1, totalPoints);
        this.buckets = limit / 4;
        this.raw = new Points(Math.min(limit, 64));
        this.bucketed = new Points(buckets * 4);
        Arrays.fill(bucketed.line, -1);
        bucketed.size = buckets * 4;
    }

    /**
     * Adds the key's value at the point at position {@code line} (positions only grow); {@code step} and
     * {@code epoch} are NaN when the point has none.
     */
    void add(long line, double step, double epoch, double value) {
        count++;
        allHaveStep &= !Double.isNaN(step);
        allHaveEpoch &= !Double.isNaN(epoch);
        if (raw != null) {
            if (raw.size < limit) {
                raw.append(line, step, epoch, value);
            } else {
                raw = null;
            }
        }
        int bucket = (int) Math.min(buckets - 1, Math.max(0, line * buckets / totalPoints));
        int first = bucket * 4;
        if (bucketed.line[first] < 0) {
            bucketed.set(first, line, step, epoch, value);
            bucketed.set(first + 2, line, step, epoch, value);
            bucketed.set(first + 3, line, step, epoch, value);
        } else {
            if (value < bucketed.value[first + 2]) {
                bucketed.set(first + 2, line, step, epoch, value);
            }
            if (value > bucketed.value[first + 3]) {
                bucketed.set(first + 3, line, step, epoch, value);
            }
        }
        bucketed.set(first + 1, line, step, epoch, value);
    }

    String key() {
        return key;
    }

    long count() {
        return count;
    }

    Result result() {
        Axis axis = allHaveStep ? Axis.STEP : allHaveEpoch ? Axis.EPOCH : Axis.LINE;
        Points kept = raw != null ? raw : bucketed.distinctInOrder();
        double[] x = new double[kept.size];
        double[] y = Arrays.copyOf(kept.value, kept.size);
        for (int i = 0; i < kept.size; i++) {
            x[i] = switch (axis) {
                case STEP -> kept.step[i];
                case EPOCH -> kept.epoch[i];
                case LINE -> kept.line[i];
            };
        }
        return new Result(key, axis, count, raw == null, x, y);
    }

    /** Parallel arrays of points. */
    private static final class Points {
        long[] line;
        double[] step;
        double[] epoch;
        double[] value;
        int size;

        Points(int capacity) {
            line = new long[capacity];
            step = new double[capacity];
            epoch = new double[capacity];
            value = new double[capacity];
        }

        void append(long atLine, double atStep, double atEpoch, double atValue) {
            if (size == line.length) {
                int capacity = size * 2;
                line = Arrays.copyOf(line, capacity);
                step = Arrays.copyOf(step, capacity);
                epoch = Arrays.copyOf(epoch, capacity);
                value = Arrays.copyOf(value, capacity);
            }
            set(size++, atLine, atStep, atEpoch, atValue);
        }

        void set(int i, long atLine, double atStep, double atEpoch, double atValue) {
            line[i] = atLine;
            step[i] = atStep;
            epoch[i] = atEpoch;
            value[i] = atValue;
        }

        /** The filled slots in order of position, each point once (first, min, max and last often coincide). */
        Points distinctInOrder() {
            Integer[] order = new Integer[size];
            int filled = 0;
            for (int i = 0; i < size; i++) {
                if (line[i] >= 0) {
                    order[filled++] = i;
                }
            }
            Integer[] slots = Arrays.copyOf(order, filled);
            Arrays.sort(slots, (a, b) -> Long.compare(line[a], line[b]));
            Points out = new Points(Math.max(1, filled));
            long previous = -1;
            for (int slot : slots) {
                if (line[slot] != previous) {
                    out.append(line[slot], step[slot], epoch[slot], value[slot]);
                    previous = line[slot];
                }
            }
            return out;
        }
    }
}
