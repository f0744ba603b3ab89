package io.lathe.server.plugins.points;

import io.lathe.plugin.api.compute.ComputeEnvironment;
import io.lathe.plugin.api.compute.JobListener;
import io.lathe.plugin.api.compute.JobOutcome;
import io.lathe.plugin.api.compute.JobSpec;
import io.lathe.plugin.api.compute.JobState;
import io.lathe.plugin.api.compute.LogStream;
import java.io.InputStream;
import java.util.Objects;

/**
 * An environment whose every call goes through {@link PluginCalls} with the plain time limit. Nonsense: a capacity
 * below 1, a launch without a handle, a state of null.
 */
public final class GuardedComputeEnvironment implements ComputeEnvironment, GuardedInstance {

    private final ComputeEnvironment delegate;
    private final PluginCalls calls;
    private final PluginTarget target;
    private final String executionId;

    public GuardedComputeEnvironment(ComputeEnvironment delegate, PluginCalls calls, PluginTarget target,
            String executionId) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.calls = Objects.requireNonNull(calls, "calls");
        this.target = Objects.requireNonNull(target, "target");
        this.executionId = executionId;
    }

    /** The same environment, recording its faults against {@code id}, the execution its calls are made for. */
    public GuardedComputeEnvironment forExecution(String id) {
        return new GuardedComputeEnvironment(delegate, calls, target, id);
    }

    /** The configured instance's name. */
    public String name() {
        return target.instance();
    }

    @Override
    public Object unguarded() {
        return delegate;
    }

    @Override
    public int capacity() {
        return calls.call(target, "capacity", executionId, delegate::capacity,
                capacity -> capacity < 1 ? "a capacity of " + capacity + " (at least 1 job must fit)" : null);
    }

    /**
     * Launches the job. When the launch fails (the plugin threw, timed out, answered nonsense), whatever the plugin
     * reports of that job afterwards is ignored: for the server it never launched, and its execution ends in error.
     */
    @Override
    public String launch(JobSpec spec, JobListener listener) {
        GatedListener gated = new GatedListener(listener);
        return calls.call(target, "launch", executionId, () -> delegate.launch(spec, gated),
                handle -> handle == null || handle.isBlank() ? "no handle for the job" : null,
                PluginCalls.Activity.plain().whenAbandoned(gated::close));
    }

    @Override
    public JobState state(String handle) {
        return calls.call(target, "state", executionId, () -> delegate.state(handle),
                state -> state == null ? "no state" : null);
    }

    @Override
    public void stop(String handle) {
        calls.call(target, "stop", executionId, () -> {
            delegate.stop(handle);
            return Boolean.TRUE;
        }, done -> null);
    }

    /** Passes a job's reports on until closed. */
    private static final class GatedListener implements JobListener {

        private final JobListener delegate;
        private volatile boolean closed;

        GatedListener(JobListener delegate) {
            this.delegate = delegate;
        }

        void close() {
            closed = true;
        }

        @Override
        public void started() {
            if (!closed) {
                delegate.started();
            }
        }

        @Override
        public void log(LogStream stream, String line) {
            if (!closed) {
                delegate.log(stream, line);
            }
        }

        @Override
        public void output(String relativePath, InputStream content) {
            if (!closed) {
                delegate.output(relativePath, content);
            }
        }

        @Override
        public void finished(JobOutcome outcome) {
            if (!closed) {
                delegate.finished(outcome);
            }
        }
    }

    /** Closes the plugin's instance, without a time limit ({@link PluginCalls#close}). */
    @Override
    public void close() {
        calls.close(target, delegate);
    }
}
