package io.lathe.server.executions;

import io.lathe.plugin.api.PluginException;
import io.lathe.plugin.api.compute.ComputeEnvironment;
import io.lathe.plugin.api.compute.JobState;
import io.lathe.server.instances.LiveInstances;
import io.lathe.server.plugins.points.ExtensionPoints;
import io.lathe.server.plugins.points.PluginCallFailure;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Decides what runs when: one dispatcher thread hands waiting executions to their environment while it has room
 * ({@link ComputeEnvironment#capacity()}), oldest first. It wakes when an execution is created or ends, and every
 * second regardless, so executions queued by another server sharing the database are seen too. Claims are
 * conditional updates, so two servers never launch the same execution.
 */
@ApplicationScoped
public class ExecutionScheduler {

    private static final Logger LOG = Logger.getLogger(ExecutionScheduler.class.getName());
    private static final long POLL_MILLIS = 1000;
    private static final int FAIL_BATCH = 100;

    @Inject
    ExecutionRepository executions;
    @Inject
    LiveInstances instances;
    @Inject
    ExecutionLauncher launcher;
    @Inject
    InputDownloader downloader;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    private ManagedThreadFactory threads;

    private final Object signal = new Object();
    private boolean signalled;
    private volatile boolean running;
    private Thread dispatcher;

    public void start() {
        recover();
        running = true;
        dispatcher = threads.newThread(this::dispatchLoop);
        dispatcher.setName("lathe-scheduler");
        dispatcher.start();
    }

    public void stop() {
        running = false;
        wake();
    }

    /** Asks the dispatcher to look at the queue now. */
    public void wake() {
        synchronized (signal) {
            signalled = true;
            signal.notifyAll();
        }
    }

    /**
     * Passes a stop on to the environment running {@code execution}, if it was launched already. When the environment
     * fails to take it, the execution ends in error saying so: a stop must end the execution, and the environment
     * will not report the end of a job it could not be told about.
     */
    void stop(Execution execution) {
        // A job still fetching its inputs would otherwise go on until the last byte arrived.
        downloader.cancel(execution.id());
        String handle = execution.computeHandle();
        if (handle != null && !handle.equals(ExecutionRepository.CLAIMED)) {
            try {
                instances.get(ExtensionPoints.COMPUTE, execution.environment(), execution.id()).stop(handle);
            } catch (PluginException e) {
                executions.finish(execution.id(), ExecutionStatus.ERROR, null, "could not stop: " + e.getMessage()
                        + "; the job may still run in the environment", System.currentTimeMillis());
                wake();
            }
        }
    }

    private void dispatchLoop() {
        while (running) {
            try {
                dispatch();
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "dispatching executions failed; retrying", e);
            }
            synchronized (signal) {
                try {
                    if (!signalled && running) {
                        signal.wait(POLL_MILLIS);
                    }
                } catch (InterruptedException e) {
                    return;
                }
                signalled = false;
            }
        }
    }

    private void dispatch() {
        for (String name : executions.environmentsWithQueued()) {
            ComputeEnvironment environment;
            try {
                environment = instances.get(ExtensionPoints.COMPUTE, name);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "environment '" + name + "' is unavailable; its executions wait", e);
                continue;
            }
            int capacity;
            try {
                capacity = environment.capacity();
            } catch (PluginCallFailure e) {
                if (!e.retriable()) {
                    failQueued(name, e);
                }
                continue;
            }
            long free = capacity - executions.countActive(name);
            if (free <= 0) {
                continue;
            }
            for (String id : executions.queued(name, (int) free)) {
                if (executions.claim(id)) {
                    launcher.launch(id, instances.get(ExtensionPoints.COMPUTE, name, id), finished -> wake());
                }
            }
        }
    }

    /**
     * An environment that cannot say how many jobs it takes can launch none: its waiting executions end in error
     * saying why, rather than wait for ever.
     */
    private void failQueued(String environment, PluginCallFailure failure) {
        for (String id : executions.queued(environment, FAIL_BATCH)) {
            if (executions.claim(id)) {
                executions.finish(id, ExecutionStatus.ERROR, null, "could not launch: " + failure.getMessage(),
                        System.currentTimeMillis());
            }
        }
    }

    /**
     * After a restart: executions claimed but never launched go back to the queue; launched ones the environment
     * no longer knows are ended with an error saying so.
     */
    private void recover() {
        List<Execution> unfinished = executions.unfinishedClaimed();
        for (Execution execution : unfinished) {
            if (ExecutionRepository.CLAIMED.equals(execution.computeHandle())) {
                executions.release(execution.id());
                continue;
            }
            JobState state;
            try {
                state = instances.get(ExtensionPoints.COMPUTE, execution.environment(), execution.id())
                        .state(execution.computeHandle());
            } catch (RuntimeException e) {
                state = JobState.UNKNOWN;
            }
            if (state != JobState.RUNNING) {
                executions.finish(execution.id(), ExecutionStatus.ERROR, null,
                        "the server restarted while this execution ran and its job was lost; copy it to run again",
                        System.currentTimeMillis());
            }
        }
    }
}
