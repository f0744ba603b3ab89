package io.lathe.server.executions;

import io.lathe.plugin.api.compute.JobListener;
import io.lathe.plugin.api.compute.JobOutcome;
import io.lathe.plugin.api.compute.LogStream;
import io.lathe.server.data.DatumService;
import java.io.InputStream;
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

    @Override
    public void output(String relativePath, InputStream content) {
        properties.take(relativePath, content).ifPresent(bytes -> datums.storeOutput(execution.projectId(), store,
                execution.id(), execution.creatorId(), relativePath, bytes));
    }

    @Override
    public void finished(JobOutcome outcome) {
        String detail = outcome.message();
        try {
            metadata.close();
            properties.apply(execution, store);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "finishing execution " + execution.id() + " failed", e);
            detail = (detail.isEmpty() ? "" : detail + "; ") + "output properties were not stored: " + e.getMessage();
        } finally {
            if (!outcome.message().isEmpty() && outcome.status() != JobOutcome.Status.COMPLETE) {
                log.append(LogStream.STDERR, "[lathe] " + outcome.message());
            }
            log.close();
            files.cleanUp();
            executions.finish(execution.id(), status(outcome.status()),
                    outcome.exitCode().isPresent() ? outcome.exitCode().getAsInt() : null, detail,
                    System.currentTimeMillis());
            onFinished.accept(execution);
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
