package io.lathe.server.plugins.points;

import io.lathe.plugin.api.PluginException;
import io.lathe.server.platform.FailureText;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one way the server calls into a plugin instance: on a thread of its own, with a time limit, so that a plugin
 * that hangs, throws or answers nonsense costs its caller at most the limit and never the server. Whatever goes wrong
 * becomes a {@link PluginCallFailure} naming the instance and the operation, and is recorded against the plugin (and
 * the execution it affected) by {@link PluginFaults}.
 *
 * <p>A plain call must answer within {@code LATHE_PLUGIN_TIME_LIMIT_SECONDS}. A streaming call ({@link Activity}) may
 * take as long as it keeps making progress: it fails only after that long without any. A call that timed out is
 * cancelled (its thread interrupted) and its late answer ignored; a plugin that ignores the interrupt keeps only its
 * own thread, since every call gets a fresh or idle one. Closing is the exception: it has no time limit, since it may
 * rightly wait for running jobs to end, and an instance that is replaced is closed in the background.
 */
@ApplicationScoped
public class PluginCalls {

    public static final String TIME_LIMIT_VARIABLE = "LATHE_PLUGIN_TIME_LIMIT_SECONDS";
    static final long DEFAULT_TIME_LIMIT_SECONDS = 30;
    private static final long MAX_TIME_LIMIT_SECONDS = 86_400;
    private static final int MAX_PLUGIN_MESSAGE = 1000;
    private static final Logger LOG = Logger.getLogger(PluginCalls.class.getName());

    private long timeLimitSeconds;
    @Inject
    PluginFaults faults;
    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    private ManagedThreadFactory threads;
    private ExecutorService executor;

    protected PluginCalls() {
        // for CDI proxies
    }

    /** @throws IllegalArgumentException when the limit is not a whole number from 1 to 86400; names the variable */
    @Inject
    public PluginCalls(@ConfigProperty(name = "lathe.plugin.time.limit.seconds",
            defaultValue = "" + DEFAULT_TIME_LIMIT_SECONDS) String timeLimitSeconds) {
        this.timeLimitSeconds = parseTimeLimit(timeLimitSeconds);
    }

    static long parseTimeLimit(String text) {
        try {
            long value = Long.parseLong(text.strip());
            if (value >= 1 && value <= MAX_TIME_LIMIT_SECONDS) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(TIME_LIMIT_VARIABLE + " must be a whole number from 1 to "
                + MAX_TIME_LIMIT_SECONDS + ", not '" + text + "'");
    }

    /** Outside a container, on threads {@code threadFactory} makes; faults go to {@code faults}. */
    PluginCalls(String timeLimitSeconds, ThreadFactory threadFactory, PluginFaults faults) {
        this(timeLimitSeconds);
        this.faults = faults;
        start(threadFactory);
    }

    @PostConstruct
    void start() {
        start(threads);
    }

    private void start(ThreadFactory threadFactory) {
        AtomicInteger count = new AtomicInteger();
        // Unbounded on purpose: a thread stuck in a hung plugin must never keep the next call from running.
        executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                task -> {
                    Thread thread = threadFactory.newThread(task);
                    thread.setName("lathe-plugin-call-" + count.incrementAndGet());
                    return thread;
                });
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    /** How long a call may take, or a stream go without progress, in seconds. */
    public long timeLimitSeconds() {
        return timeLimitSeconds;
    }

    /**
     * Calls the plugin with the plain time limit.
     *
     * @param executionId the execution the call is made for, recorded with a fault; null when none
     * @param nonsense what is wrong with the answer, or null when it makes sense
     * @throws PluginCallFailure when the plugin threw, did not answer in time or answered nonsense
     */
    public <T> T call(PluginTarget target, String operation, String executionId, Callable<T> call,
            Function<? super T, String> nonsense) {
        return call(target, operation, executionId, call, nonsense, Activity.plain());
    }

    /**
     * Calls the plugin for as long as {@code activity} shows progress: it fails once the time limit has passed
     * without any. Time the plugin spends waiting on the caller's side (reading the caller's stream, in the caller's
     * visitor) is not held against it; what that side throws is thrown as it is, and is no fault of the plugin.
     */
    public <T> T call(PluginTarget target, String operation, String executionId, Callable<T> call,
            Function<? super T, String> nonsense, Activity activity) {
        FutureTask<T> answer = new FutureTask<>(call);
        try {
            executor.execute(answer);
        } catch (RejectedExecutionException e) {
            // Only while the server shuts down (closing instances after this bean stopped): call without a limit.
            answer.run();
        }
        T value;
        try {
            value = await(answer, activity);
        } catch (TimeoutException e) {
            activity.abandon();
            answer.cancel(true);
            throw fault(target, operation, executionId, "plugin-timeout", target.describe()
                    + (activity.streaming ? " made no progress on " + operation + " for " : " did not answer "
                    + operation + " within ") + timeLimitSeconds + " s", null, PluginCallFailure.Reason.TIME_OUT);
        } catch (ExecutionException e) {
            activity.abandon();
            throwCallerFailure(activity);
            Throwable cause = e.getCause();
            String code = cause instanceof PluginException plugin ? plugin.code() : "plugin-error";
            throw fault(target, operation, executionId, code, target.describe() + " failed " + operation + ": "
                    + describe(cause), cause, PluginCallFailure.Reason.ERROR);
        } catch (InterruptedException e) {
            activity.abandon();
            answer.cancel(true);
            Thread.currentThread().interrupt();
            // The caller gave up, not the plugin: no fault.
            throw new PluginCallFailure("interrupted", "interrupted while waiting for " + target.describe()
                    + " to answer " + operation, e, target, operation, PluginCallFailure.Reason.ERROR);
        }
        if (activity.callerFailure != null) {
            activity.abandon();
            throwCallerFailure(activity);
        }
        String problem = nonsense.apply(value);
        if (problem != null) {
            activity.abandon();
            throw fault(target, operation, executionId, "plugin-nonsense", target.describe() + " answered "
                    + operation + " with nonsense: " + problem, null, PluginCallFailure.Reason.NONSENSE);
        }
        return value;
    }

    /**
     * Closes a plugin instance on the calling thread, without a time limit: closing may rightly wait for the jobs an
     * environment still runs to end. What it throws is recorded as a fault and thrown as a {@link PluginCallFailure}.
     */
    public void close(PluginTarget target, AutoCloseable instance) {
        try {
            instance.close();
        } catch (Exception | LinkageError | AssertionError e) {
            String code = e instanceof PluginException plugin ? plugin.code() : "plugin-error";
            throw fault(target, "close", null, code, target.describe() + " failed close: " + describe(e), e,
                    PluginCallFailure.Reason.ERROR);
        }
    }

    /** Closes an instance that is no longer used on a thread of its own, so that nobody waits for it. */
    public void closeInBackground(AutoCloseable instance) {
        Runnable close = () -> {
            try {
                instance.close();
            } catch (Exception e) {
                // recorded by close(PluginTarget, AutoCloseable)
            }
        };
        try {
            executor.execute(close);
        } catch (RejectedExecutionException e) {
            close.run();
        }
    }

    private <T> T await(FutureTask<T> answer, Activity activity) throws InterruptedException, ExecutionException,
            TimeoutException {
        long limit = TimeUnit.SECONDS.toNanos(timeLimitSeconds);
        while (true) {
            long remaining = limit - activity.idleNanos(System.nanoTime());
            if (remaining <= 0) {
                throw new TimeoutException();
            }
            try {
                return answer.get(remaining, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                // progress may have been made meanwhile: look again
            }
        }
    }

    private static void throwCallerFailure(Activity activity) {
        Throwable failure = activity.callerFailure;
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure instanceof IOException io) {
            throw new UncheckedIOException(io);
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }

    private PluginCallFailure fault(PluginTarget target, String operation, String executionId, String code,
            String message, Throwable cause, PluginCallFailure.Reason reason) {
        LOG.log(Level.WARNING, message + (executionId == null ? "" : " (execution " + executionId + ")"), cause);
        try {
            // Administrators see the fault with the failure's class, which says more to whoever fixes the plugin.
            faults.record(target, operation, code, cause == null || cause instanceof PluginException ? message
                    : message + " [" + FailureText.technical(cause) + "]", executionId);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not record the fault of plugin " + target.pluginId(), e);
        }
        return new PluginCallFailure(code, message, cause, target, operation, reason);
    }

    /** A plugin's failure in a few words: its message, or what a JDK failure means ({@link FailureText}). */
    static String describe(Throwable cause) {
        String message = cause.getMessage() == null || cause.getMessage().isBlank() ? null : cause.getMessage();
        String text = cause instanceof PluginException ? String.valueOf(message) : FailureText.of(cause);
        return text.length() <= MAX_PLUGIN_MESSAGE ? text : text.substring(0, MAX_PLUGIN_MESSAGE - 1) + "\u2026";
    }

    /** What a plugin runs on the caller's side of a streaming call: a read of its stream, a visit of an item. */
    @FunctionalInterface
    public interface CallerWork<T, E extends Exception> {
        T run() throws E;
    }

    /**
     * The progress of a streaming call, reported by the wrappers the guarded instance hands the plugin (a content
     * stream, a visitor) from the plugin's thread.
     */
    public static final class Activity {

        private final boolean streaming;
        private volatile long lastProgress = System.nanoTime();
        private final AtomicInteger inCaller = new AtomicInteger();
        private volatile Throwable callerFailure;
        private volatile Runnable onAbandon = () -> { };

        Activity(boolean streaming) {
            this.streaming = streaming;
        }

        /** For a call that may take as long as it makes progress. */
        public static Activity streaming() {
            return new Activity(true);
        }

        /** For a call with the plain time limit. */
        public static Activity plain() {
            return new Activity(false);
        }

        /**
         * What to do when the call fails, before it is cancelled: a late answer or callback from the plugin must then
         * change nothing (a launch that timed out must not run its job after all).
         */
        public Activity whenAbandoned(Runnable action) {
            onAbandon = action;
            return this;
        }

        void abandon() {
            onAbandon.run();
        }

        /**
         * Runs {@code work} on the caller's side of the call (the plugin reads the caller's stream, visits an item
         * with the caller's visitor): the clock stops meanwhile and its end is progress. What it throws is the
         * caller's failure, thrown on to the plugin; the call then fails with it, as the caller's, not a fault of the
         * plugin. Only the first such failure is kept.
         */
        public <T, E extends Exception> T onCallerSide(CallerWork<T, E> work) throws E {
            inCaller.incrementAndGet();
            try {
                return work.run();
            } catch (Exception | Error e) {
                if (callerFailure == null) {
                    callerFailure = e;
                }
                throw e;
            } finally {
                lastProgress = System.nanoTime();
                inCaller.decrementAndGet();
            }
        }

        long idleNanos(long now) {
            return inCaller.get() > 0 ? 0 : now - lastProgress;
        }
    }
}
