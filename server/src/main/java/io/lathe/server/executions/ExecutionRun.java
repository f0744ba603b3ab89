package io.lathe.server.executions;

import io.lathe.plugin.api.compute.JobListener;
import io.lathe.plugin.api.compute.JobOutcome;
import io.lathe.plugin.api.compute.LogStream;
import io.lathe.server.data.DatumService;
import io.lathe.server.platform.FailureText;
import io.lathe.server.plugins.points.PluginCallFailure;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the server does with what a running job reports: lines go to the log (and stdout JSON objects to metadata),
 * output files become datums (sidecar properties are attached at the end), and the outcome ends the execution.
 */
final class ExecutionRun implements JobListener {

    private static final Logger LOG = Logger.getLogger(ExecutionRun.class.getName());

    private final Execution execution;
    private final String store;
    private final ExecutionLog log;
    private final MetadataWriter metadata;
    private final ExecutionJobFiles files;
    private final DatumService datums;
    private final OutputProperties properties;
    private final ExecutionRepository executions;
    private final SecretMask mask;
    private final Consumer<Execution> onFinished;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final OutputProblems outputs = new OutputProblems();

    ExecutionRun(Execution execution, String store, ExecutionLog log, MetadataWriter metadata, ExecutionJobFiles files,
            DatumService datums, OutputProperties properties, ExecutionRepository executions, SecretMask mask,
            Consumer<Execution> onFinished) {
        this.execution = execution;
        this.store = store;
        this.log = log;
        this.metadata = metadata;
        this.files = files;
        this.datums = datums;
        this.properties = properties;
        this.executions = executions;
        this.mask = mask;
        this.onFinished = onFinished;
    }

    @Override
    public void started() {
        executions.markStarted(execution.id(), System.currentTimeMillis());
    }

    @Override
    public void log(LogStream stream, String printed) {
        String line = mask.apply(printed);
        log.append(stream, line);
        if (stream == LogStream.STDOUT && MetadataWriter.mayBePoint(line)) {
            metadata.offer(line, System.currentTimeMillis()).ifPresent(note -> log.append(LogStream.STDERR, note));
        }
    }

    /**
     * Stores an output. When that fails the execution cannot end complete: the first failure is kept for its end, and
     * once the data store's plugin failed, the outputs after it are skipped rather than each wait for the same fault.
     */
    @Override
    public void output(String relativePath, InputStream content) {
        if (ended.get()) {
            return;
        }
        synchronized (outputs) {
            if (outputs.storeBroken) {
                outputs.skipped++;
                return;
            }
        }
        try {
            properties.take(relativePath, content).ifPresent(bytes -> datums.storeOutput(execution.projectId(), store,
                    execution.id(), execution.creatorId(), relativePath, bytes));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "output '" + relativePath + "' of execution " + execution.id()
                    + " was not stored: " + e.getMessage());
            synchronized (outputs) {
                if (outputs.problem == null) {
                    outputs.problem = "output '" + relativePath + "' was not stored: " + FailureText.of(e);
                }
                outputs.storeBroken |= e instanceof PluginCallFailure;
            }
        }
    }

    /** Ends the execution, once: a late or repeated report from the environment changes nothing. */
    @Override
    public void finished(JobOutcome outcome) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        String detail = outcome.message();
        ExecutionStatus status = status(outcome.status());
        if (status == ExecutionStatus.ERROR && outcome.exitCode().isEmpty() && stopRequested()) {
            // Stopped before its commands ran (a download cut short by the stop): what was asked is what happened.
            status = ExecutionStatus.STOPPED;
        }
        try {
            metadata.close();
            properties.apply(execution, store);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "finishing execution " + execution.id() + " failed", e);
            detail = (detail.isEmpty() ? "" : detail + "; ") + "output properties were not stored: "
                    + FailureText.of(e);
        } finally {
            String problem = problem();
            if (problem != null && !detail.contains(problem)) {
                detail = detail.isEmpty() || status == ExecutionStatus.COMPLETE ? problem : detail + "; " + problem;
                log.append(LogStream.STDERR, "[lathe] " + problem);
            }
            if (problem != null && status == ExecutionStatus.COMPLETE) {
                status = ExecutionStatus.ERROR;
            }
            if (!outcome.message().isEmpty() && outcome.status() != JobOutcome.Status.COMPLETE) {
                log.append(LogStream.STDERR, "[lathe] " + outcome.message());
            }
            // Every line readable before the status says the execution ended; the log is closed only after, so
            // that a live reader woken by the close finds the end at once instead of looking again later.
            log.flush();
            files.cleanUp();
            try {
                executions.finish(execution.id(), status,
                        outcome.exitCode().isPresent() ? outcome.exitCode().getAsInt() : null, detail,
                        System.currentTimeMillis());
            } finally {
                log.close();
            }
            onFinished.accept(execution);
        }
    }

    /** What a data store's plugin broke for this execution: an output not stored, an input or the code not read. */
    private String problem() {
        synchronized (outputs) {
            if (outputs.problem != null) {
                return outputs.problem + (outputs.skipped == 0 ? "" : "; " + outputs.skipped + " more output"
                        + (outputs.skipped == 1 ? " was" : "s were") + " skipped");
            }
        }
        // Names the data store and the call; the environment's own message usually quotes it already.
        return files.pluginFailure().map(PluginCallFailure::getMessage).orElse(null);
    }

    /** What went wrong storing outputs; guarded by itself. */
    private static final class OutputProblems {
        String problem;
        boolean storeBroken;
        int skipped;
    }

    private boolean stopRequested() {
        try {
            return executions.find(execution.id()).map(e -> e.status() == ExecutionStatus.STOPPING).orElse(false);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static ExecutionStatus status(JobOutcome.Status status) {
        switch (status) {
            case COMPLETE:
                return ExecutionStatus.COMPLETE;
            case STOPPED:
                return ExecutionStatus.STOPPED;
            default:
                return ExecutionStatus.ERROR;
        }
    }
}
