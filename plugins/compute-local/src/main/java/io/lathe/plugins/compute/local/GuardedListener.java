package io.lathe.plugins.compute.local;

import static java.util.Objects.requireNonNull;

import io.lathe.plugin.api.compute.JobListener;
import io.lathe.plugin.api.compute.JobOutcome;
import io.lathe.plugin.api.compute.LogStream;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Passes calls on to the server's listener and logs what it throws instead of letting it end a worker thread:
 * a listener fault must neither leave a job running unseen nor keep {@code finished} from being called.
 */
final class GuardedListener implements JobListener {

    private final JobListener delegate;
    private final System.Logger logger;
    private final String handle;
    // log() may fail a million times in a row; the first failure is worth a stack trace, the rest are not.
    private final AtomicBoolean logFailureReported = new AtomicBoolean();

    GuardedListener(JobListener delegate, System.Logger logger, String handle) {
        this.delegate = requireNonNull(delegate, "delegate");
        this.logger = requireNonNull(logger, "logger");
        this.handle = requireNonNull(handle, "handle");
    }

    @Override
    public void started() {
        try {
            delegate.started();
        } catch (RuntimeException e) {
            report("started()", e);
        }
    }

    @Override
    public void log(LogStream stream, String line) {
        try {
            delegate.log(stream, line);
        } catch (RuntimeException e) {
            if (logFailureReported.compareAndSet(false, true)) {
                report("log() (later failures of log() for this job are not reported)", e);
            }
        }
    }

    @Override
    public void output(String relativePath, InputStream content) {
        try {
            delegate.output(relativePath, content);
        } catch (RuntimeException e) {
            report("output() for '" + relativePath + "'", e);
        }
    }

    @Override
    public void finished(JobOutcome outcome) {
        try {
            delegate.finished(outcome);
        } catch (RuntimeException e) {
            report("finished(" + outcome.status() + ")", e);
        }
    }

    private void report(String call, RuntimeException e) {
        logger.log(System.Logger.Level.WARNING, "the listener of job " + handle + " threw from " + call, e);
    }
}
