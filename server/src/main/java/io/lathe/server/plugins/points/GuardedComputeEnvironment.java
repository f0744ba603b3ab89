package io.lathe.server.plugins.points;

import io.lathe.plugin.api.compute.ComputeEnvironment;
import io.lathe.plugin.api.compute.JobListener;
import io.lathe.plugin.api.compute.JobOutcome;
import io.lathe.plugin.api.compute.JobSpec;
import io.lathe.plugin.api.compute.JobState;
import io.lathe.plugin.api.compute.LogStream;
import java.io.InputStream;
import java.util.List;

/**
 * The guard of an environment: every call with the plain time limit. Nonsense: a capacity below 1, a launch without
 * a handle, a state or a list of warnings of null.
 */
final class GuardedComputeEnvironment extends GuardedInstance<ComputeEnvironment> implements ComputeEnvironment {

    GuardedComputeEnvironment(ComputeEnvironment delegate, GuardedCalls calls) {
        super(delegate, calls);
    }

    @Override
    public int capacity() {
        return calls.call("capacity", delegate::capacity,
                capacity -> capacity < 1 ? "a capacity of " + capacity + " (at least 1 job must fit)" : null);
    }

    /**
     * Launches the job. When the launch fails (the plugin threw, timed out, answered nonsense), whatever the plugin
     * reports of that job afterwards is ignored: for the server it never launched, and its execution ends in error.
     */
    @Override
    public String launch(JobSpec spec, JobListener listener) {
        GatedListener gated = new GatedListener(listener);
        return calls.call("launch", () -> delegate.launch(spec, gated),
                handle -> handle == null || handle.isBlank() ? "no handle for the job" : null,
                PluginCalls.Activity.plain().whenAbandoned(gated::close));
    }

    @Override
    public JobState state(String handle) {
        return calls.call("state", () -> delegate.state(handle), state -> state == null ? "no state" : null);
    }

    @Override
    public void stop(String handle) {
        calls.run("stop", () -> delegate.stop(handle));
    }

    @Override
    public List<String> warnings() {
        return calls.call("warnings", delegate::warnings, warnings -> warnings == null ? "no list of warnings" : null);
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
}
