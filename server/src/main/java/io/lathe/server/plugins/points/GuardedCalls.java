package io.lathe.server.plugins.points;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * The calls a guard makes to one live instance, each through {@link PluginCalls}: to the plugin that made it, named
 * as its point names it ({@code the data store 'archive'}), and with faults recorded against the execution the calls
 * are made for, if any ({@link #forExecution}).
 */
public final class GuardedCalls {

    /** A call to the plugin that answers nothing. */
    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }

    private final PluginCalls calls;
    private final PluginTarget target;
    private final String executionId;

    public GuardedCalls(PluginCalls calls, PluginTarget target) {
        this(calls, target, null);
    }

    private GuardedCalls(PluginCalls calls, PluginTarget target, String executionId) {
        this.calls = Objects.requireNonNull(calls, "calls");
        this.target = Objects.requireNonNull(target, "target");
        this.executionId = executionId;
    }

    /** The same calls, recording their faults against execution {@code id} (none when null). */
    public GuardedCalls forExecution(String id) {
        return new GuardedCalls(calls, target, id);
    }

    public PluginTarget target() {
        return target;
    }

    /** A call with the plain time limit ({@link PluginCalls#call}). */
    public <T> T call(String operation, Callable<T> call, Function<? super T, String> nonsense) {
        return calls.call(target, operation, executionId, call, nonsense);
    }

    /** A call that may take as long as {@code activity} shows progress ({@link PluginCalls#call}). */
    public <T> T call(String operation, Callable<T> call, Function<? super T, String> nonsense,
            PluginCalls.Activity activity) {
        return calls.call(target, operation, executionId, call, nonsense, activity);
    }

    /** A call that answers nothing, with the plain time limit. */
    public void run(String operation, Action action) {
        calls.call(target, operation, executionId, () -> {
            action.run();
            return Boolean.TRUE;
        }, done -> null);
    }

    /** Closes the plugin's instance, without a time limit ({@link PluginCalls#close}). */
    public void close(AutoCloseable instance) {
        calls.close(target, instance);
    }
}
