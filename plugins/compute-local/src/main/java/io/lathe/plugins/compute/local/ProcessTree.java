package io.lathe.plugins.compute.local;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * The processes of one job: the main process and everything it started.
 *
 * <p>Where {@link ProcessGroups#supported() supported}, the main process leads a process group of its own, so a
 * signal to the group reaches every process of the job, even ones whose parent already exited (those are no longer
 * descendants of anything we know). Everywhere, descendants are also remembered as they are seen, because a
 * process may leave the group with a {@code setsid} of its own.
 *
 * <p>In a sandbox, the main process is bubblewrap and the job runs in a PID namespace of its own below it: when
 * bubblewrap dies, the kernel kills everything in the namespace at once. So a stop sends SIGTERM to the processes
 * inside only, and bubblewrap passes their exit on; SIGKILL to bubblewrap then ends whatever ignored SIGTERM.
 *
 * <p>Thread-safe: the worker waits on the tree while another thread may ask it to stop.
 */
final class ProcessTree {

    private static final Duration POLL = Duration.ofMillis(25);
    private static final Duration KILL_PATIENCE = Duration.ofSeconds(5);

    private final Process main;
    private final boolean ownGroup;
    private final boolean sandboxed;
    private final Set<ProcessHandle> known = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean terminated = new AtomicBoolean();

    /**
     * @param main the job's main process
     * @param ownGroup whether it was started with {@link ProcessGroups#launchPrefix()} and so leads a group
     * @param sandboxed whether the main process is bubblewrap, the job's processes in a PID namespace below it
     */
    ProcessTree(Process main, boolean ownGroup, boolean sandboxed) {
        this.main = requireNonNull(main, "main");
        this.ownGroup = ownGroup;
        this.sandboxed = sandboxed;
    }

    boolean mainAlive() {
        return main.isAlive();
    }

    /** Sends SIGTERM to every process of the job; only the first call signals. */
    void terminate() {
        if (!terminated.compareAndSet(false, true)) {
            return;
        }
        // The snapshot comes first: once a parent dies its children are re-parented and can no longer be found.
        rememberDescendants();
        if (sandboxed) {
            // Not the group, which holds bubblewrap: SIGTERM would end it, and with it the namespace, at once.
            known.forEach(ProcessHandle::destroy);
            return;
        }
        if (ownGroup) {
            ProcessGroups.signal(main.pid(), "TERM");
        }
        known.forEach(ProcessHandle::destroy);
        main.destroy();
    }

    /** Sends SIGKILL to every process of the job. */
    void kill() {
        rememberDescendants();
        if (ownGroup) {
            ProcessGroups.signal(main.pid(), "KILL");
        }
        known.forEach(ProcessHandle::destroyForcibly);
        main.destroyForcibly();
    }

    /** Whether any process of the job is still running. */
    boolean isAlive() {
        return main.isAlive()
                || known.stream().anyMatch(ProcStat::running)
                || ownGroup && ProcessGroups.hasLiveMembers(main.pid());
    }

    /**
     * Ends whatever is left of the job: SIGTERM, up to {@code grace} to exit, then SIGKILL.
     *
     * @return whether everything ended
     */
    boolean end(Duration grace) throws InterruptedException {
        if (!isAlive()) {
            return true;
        }
        terminate();
        if (awaitGone(grace)) {
            return true;
        }
        kill();
        return awaitGone(KILL_PATIENCE);
    }

    private boolean awaitGone(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (isAlive()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            rememberDescendants();
            TimeUnit.NANOSECONDS.sleep(Math.min(left, POLL.toNanos()));
        }
        return true;
    }

    private void rememberDescendants() {
        try (Stream<ProcessHandle> descendants = main.descendants()) {
            descendants.forEach(known::add);
        }
        // Processes started by remembered ones after the main process died are reachable only through them.
        for (ProcessHandle handle : List.copyOf(known)) {
            try (Stream<ProcessHandle> descendants = handle.descendants()) {
                descendants.forEach(known::add);
            }
        }
        known.removeIf(handle -> !ProcStat.running(handle));
    }
}
