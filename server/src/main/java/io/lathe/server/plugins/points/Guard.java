package io.lathe.server.plugins.points;

/**
 * How calls to the instances of one extension point are guarded: wraps a plugin's instance in one of the same type
 * whose every method calls the plugin through {@link GuardedCalls}, with the time limit and the checks for nonsense
 * that fit the point.
 *
 * @param <I> the instance type
 */
@FunctionalInterface
public interface Guard<I> {

    /** The plugin's {@code instance}, guarded; {@code calls} knows the plugin, the instance and the execution. */
    I guard(I instance, GuardedCalls calls);

    /**
     * The guard of a point that needs nothing particular: every method must answer within the plain time limit, a
     * null answer from a method that returns something is nonsense, and {@code close} closes the plugin's instance
     * without a limit. A point whose calls stream, or whose answers can be nonsense in other ways, writes its own.
     */
    static <I extends AutoCloseable> Guard<I> everyCall(Class<I> type) {
        return new PlainGuard<>(type);
    }
}
