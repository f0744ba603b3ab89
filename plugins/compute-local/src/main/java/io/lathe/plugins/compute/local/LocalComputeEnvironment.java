package io.lathe.plugins.compute.local;

import static java.util.Objects.requireNonNull;

import io.lathe.plugin.api.PluginContext;
import io.lathe.plugin.api.PluginException;
import io.lathe.plugin.api.compute.ComputeEnvironment;
import io.lathe.plugin.api.compute.JobListener;
import io.lathe.plugin.api.compute.JobSpec;
import io.lathe.plugin.api.compute.JobState;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs jobs as local process trees, each on a worker thread of its own. The handle of a job is its execution id,
 * which also names its workspace folder.
 */
final class LocalComputeEnvironment implements ComputeEnvironment {

    /** How long {@link #close()} waits for a job beyond its grace period before it gives up on it. */
    private static final Duration CLOSE_SLACK = Duration.ofSeconds(10);

    private final LocalSettings settings;
    private final JobIsolation isolation;
    private final PluginContext context;
    private final Map<String, LocalJob> running = new ConcurrentHashMap<>();
    // Only handles are kept for finished jobs, so that state() can answer without holding their listeners.
    private final Set<String> finished = ConcurrentHashMap.newKeySet();
    private final Object lock = new Object();
    private final ExitGuard exitGuard = new ExitGuard(running::values);
    private boolean closed;

    LocalComputeEnvironment(LocalSettings settings, PluginContext context) {
        this.settings = requireNonNull(settings, "settings");
        this.context = requireNonNull(context, "context");
        try {
            Files.createDirectories(settings.workRoot());
        } catch (IOException e) {
            throw new PluginException("work-root-unusable", "cannot create the workspace folder "
                    + settings.workRoot() + ": " + e.getMessage() + "; choose a folder the server may write to", e);
        }
        isolation = JobIsolation.of(settings.sandbox());
        isolation.warnings().forEach(warning -> context.logger().log(System.Logger.Level.WARNING, warning));
        exitGuard.install();
    }

    @Override
    public int capacity() {
        return settings.maxConcurrency();
    }

    @Override
    public String launch(JobSpec spec, JobListener listener) {
        requireNonNull(spec, "spec");
        requireNonNull(listener, "listener");
        String handle = spec.executionId();
        // The id names a folder under the work root; anything but a plain name could escape it.
        if (!Workspace.isPlainName(handle)) {
            throw new PluginException("invalid-execution-id",
                    "execution id '" + handle + "' cannot name a folder; it must be a plain name");
        }
        Workspace workspace = new Workspace(settings.workRoot().resolve(handle));
        LocalJob job = new LocalJob(spec, listener, workspace, settings, isolation, context.logger(),
                this::ended);
        synchronized (lock) {
            if (closed) {
                throw new PluginException("environment-closed", "this compute environment has been closed");
            }
            if (running.putIfAbsent(handle, job) != null) {
                throw new PluginException("job-already-running", "execution " + handle + " is already running here");
            }
            finished.remove(handle);
        }
        job.start();
        return handle;
    }

    @Override
    public List<String> warnings() {
        return isolation.warnings();
    }

    @Override
    public JobState state(String handle) {
        requireNonNull(handle, "handle");
        if (running.containsKey(handle)) {
            return JobState.RUNNING;
        }
        return finished.contains(handle) ? JobState.FINISHED : JobState.UNKNOWN;
    }

    @Override
    public void stop(String handle) {
        requireNonNull(handle, "handle");
        LocalJob job = running.get(handle);
        if (job != null) {
            job.stop("stopped by request");
        }
    }

    @Override
    public void close() {
        List<LocalJob> jobs;
        synchronized (lock) {
            closed = true;
            jobs = List.copyOf(running.values());
        }
        for (LocalJob job : jobs) {
            job.stop("stopped because its compute environment was shut down");
        }
        Duration patience = settings.stopGrace().plus(CLOSE_SLACK);
        for (LocalJob job : jobs) {
            if (!job.awaitEnd(patience)) {
                context.logger().log(System.Logger.Level.WARNING,
                        "job " + job.handle() + " had not ended " + patience.toSeconds() + " s after close");
            }
        }
        exitGuard.uninstall();
    }

    /** What the JVM does on exit if this environment was never closed; a test calls it directly. */
    void endJobsOnExit() {
        exitGuard.endJobs();
    }

    /** Called by a job just before it reports {@code finished}, so that state() already says FINISHED then. */
    private void ended(LocalJob job) {
        finished.add(job.handle());
        running.remove(job.handle(), job);
    }
}
