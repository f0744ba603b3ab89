package io.lathe.plugins.compute.local;

import static java.util.Objects.requireNonNull;

import io.lathe.plugin.api.compute.JobListener;
import io.lathe.plugin.api.compute.JobOutcome;
import io.lathe.plugin.api.compute.JobOutcome.Status;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.List;

/** Hands every file a job left in its outputs folder to the listener, in path order. */
final class OutputHandover {

    private final Workspace workspace;
    private final JobListener listener;
    private final System.Logger logger;

    OutputHandover(Workspace workspace, JobListener listener, System.Logger logger) {
        this.workspace = requireNonNull(workspace, "workspace");
        this.listener = requireNonNull(listener, "listener");
        this.logger = requireNonNull(logger, "logger");
    }

    /**
     * Hands the outputs over.
     *
     * @return {@code outcome}, or, when a file could not be read, an outcome that says so: a lost output must not
     *     pass for a success, so a complete job becomes an error; other outcomes keep their status
     */
    JobOutcome handOver(JobOutcome outcome) {
        List<Workspace.Output> outputs;
        try {
            outputs = workspace.outputFiles();
        } catch (IOException e) {
            logger.log(System.Logger.Level.WARNING, "could not list the outputs in " + workspace.outputs(), e);
            return withProblem(outcome, "could not list the outputs: " + Messages.describe(e));
        }
        String problem = null;
        for (Workspace.Output output : outputs) {
            // NOFOLLOW_LINKS: the file was regular when listed; this keeps it from being swapped for a link since.
            try (InputStream content = Files.newInputStream(output.file(), LinkOption.NOFOLLOW_LINKS)) {
                listener.output(output.relativePath(), content);
            } catch (IOException e) {
                logger.log(System.Logger.Level.WARNING, "could not read output " + output.file(), e);
                if (problem == null) {
                    problem = "could not read output '" + output.relativePath() + "': " + Messages.describe(e);
                }
            }
        }
        return problem == null ? outcome : withProblem(outcome, problem);
    }

    private static JobOutcome withProblem(JobOutcome outcome, String problem) {
        if (outcome.status() == Status.COMPLETE) {
            return new JobOutcome(Status.ERROR, outcome.exitCode(), "the commands succeeded, but " + problem);
        }
        return new JobOutcome(outcome.status(), outcome.exitCode(), outcome.message() + "; also " + problem);
    }
}
