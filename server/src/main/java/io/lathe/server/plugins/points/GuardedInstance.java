package io.lathe.server.plugins.points;

import java.util.Objects;

/**
 * What every hand-written guard holds: the plugin's instance, never called but through {@link #calls}, and the
 * calls; closing the guard closes the plugin's instance without a time limit.
 *
 * @param <I> the instance type
 */
abstract class GuardedInstance<I extends AutoCloseable> implements AutoCloseable {

    protected final I delegate;
    protected final GuardedCalls calls;

    GuardedInstance(I delegate, GuardedCalls calls) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.calls = Objects.requireNonNull(calls, "calls");
    }

    @Override
    public void close() {
        calls.close(delegate);
    }
}
