package io.lathe.plugin.api.compute;

import java.util.List;

/**
 * A configured environment that runs jobs: one job per execution.
 *
 * <p>The server owns all state. It decides what runs when (never more than {@link #capacity()} jobs at once),
 * persists the handle {@link #launch} returns, and after a restart asks {@link #state(String)} about jobs it thinks
 * are running. A job reports back only through its {@link JobListener}.
 *
 * <p>Threading: every method may be called from any thread, concurrently. {@link #launch} returns promptly; the job
 * runs on threads (or machines) of the environment's own. Errors: {@link io.lathe.plugin.api.PluginException};
 * a failure to launch fails that execution only. Lifecycle: created by {@link ComputeEnvironmentFactory#create};
 * {@link #close()} stops what the instance still runs.
 *
 * <p>Time limits: {@link #capacity()}, {@link #launch}, {@link #state} and {@link #stop} must each return within a
 * time limit the administrator sets (30 s by default); the server then interrupts the call and ignores its late
 * answer. A launch that throws, runs out of time or returns no handle ends its execution in error, and whatever the
 * job reports afterwards is ignored. A capacity below 1 or a null state is a fault like an exception. {@link #close()}
 * has no limit.
 */
public interface ComputeEnvironment extends AutoCloseable {

    /** How many jobs may run at once; the server queues the rest. At least 1. */
    int capacity();

    /**
     * Starts a job: lays out its files as {@link JobSpec} describes, runs its commands, and reports through
     * {@code listener} until {@link JobListener#finished} has been called exactly once.
     *
     * @return a handle identifying the job to {@link #state} and {@link #stop}; persisted by the server; never null
     *     or blank
     */
    String launch(JobSpec spec, JobListener listener);

    /** What the environment knows of a job, by its handle; {@link JobState#UNKNOWN} for a handle it never issued. */
    JobState state(String handle);

    /**
     * Stops a job and everything it started (the whole process tree). Outputs written so far are still collected,
     * and the listener still gets {@link JobListener#finished} with {@link JobOutcome.Status#STOPPED}. Stopping a
     * finished or unknown job does nothing.
     */
    void stop(String handle);

    /**
     * What an administrator must know about how safely this environment runs jobs, one sentence each: for example
     * that it runs jobs unsandboxed, with the server's own rights. The server shows them on its system page and in
     * its start-up banner. Answers from what the environment already knows (no slow calls); empty when there is
     * nothing to say, never null.
     */
    default List<String> warnings() {
        return List.of();
    }

    /** Stops every job still running and releases resources. */
    @Override
    void close();
}
