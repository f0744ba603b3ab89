package io.lathe.plugins.compute.local;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Ends the jobs of an environment when the JVM exits without {@link LocalComputeEnvironment#close()}: a job leads a
 * process group of its own, so neither the server's death nor a Ctrl-C reaches it, and it would run on unsupervised.
 *
 * <p>Jobs get SIGTERM, then SIGKILL after a short wait, shorter than the grace period: the JVM is on its way out.
 */
final class ExitGuard {

    private static final Duration PATIENCE = Duration.ofSeconds(2);
    private static final Duration POLL = Duration.ofMillis(50);

    private final Supplier<Collection<LocalJob>> jobs;
    private final Thread hook;

    ExitGuard(Supplier<Collection<LocalJob>> jobs) {
        this.jobs = requireNonNull(jobs, "jobs");
        this.hook = new Thread(this::endJobs, "lathe-local-compute-exit");
    }

    void install() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    void uninstall() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down and runs the hook anyway.
        }
    }

    /** Ends the processes of every running job; returns once they are gone or were sent SIGKILL. */
    void endJobs() {
        List<LocalJob> running = List.copyOf(jobs.get());
        running.forEach(job -> job.stop("stopped because the server shut down"));
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        try {
            while (running.stream().map(LocalJob::processes).flatMap(Optional::stream).anyMatch(ProcessTree::isAlive)
                    && System.nanoTime() < deadline) {
                Thread.sleep(POLL.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        running.stream().map(LocalJob::processes).flatMap(Optional::stream).forEach(ProcessTree::kill);
    }
}
