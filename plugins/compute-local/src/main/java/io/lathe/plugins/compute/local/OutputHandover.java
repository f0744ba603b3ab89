package io.lathe.plugins.compute.local;

import static java.util.Objects.requireNonNull;

import io.lathe.plugin.api.compute.JobListener;
import io.lathe.plugin.api.compute.JobOutcome;
import io.lathe.plugin.api.compute.JobOutcome.Status;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
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
            try (InputStream content = open(output)) {
                listener.output(output.relativePath(), content);
            } catch (RefusedOutput e) {
                logger.log(System.Logger.Level.WARNING, "output " + output.file() + " refused: " + e.getMessage());
                if (problem == null) {
                    problem = "output '" + output.relativePath() + "' was not stored: " + e.getMessage();
                }
            } catch (IOException e) {
                logger.log(System.Logger.Level.WARNING, "could not read output " + output.file(), e);
                if (problem == null) {
                    problem = "could not read output '" + output.relativePath() + "': " + Messages.describe(e);
                }
            }
        }
        return problem == null ? outcome : withProblem(outcome, problem);
    }

    /**
     * Opens an output as the job left it, never through a link: every folder between the outputs folder and the file
     * must be a folder (not a link to one), and the file a regular file with no other name. A hard link is refused
     * because it is the same file as one elsewhere on the disk, which the job may have no right to hand over.
     * Checked again once the file is open, so that nothing swapped in between is read.
     */
    private InputStream open(Workspace.Output output) throws IOException {
        Object before = checked(output);
        InputStream content = Files.newInputStream(output.file(), LinkOption.NOFOLLOW_LINKS);
        try {
            if (!before.equals(checked(output))) {
                throw new RefusedOutput("it changed while it was being read");
            }
            return content;
        } catch (IOException | RuntimeException e) {
            content.close();
            throw e;
        }
    }

    /** Checks the output's path as described in {@link #open}; returns the file's identity. */
    private Object checked(Workspace.Output output) throws IOException {
        Path root = workspace.outputs();
        Path relative = root.relativize(output.file());
        Path current = root;
        for (int i = 0; i < relative.getNameCount(); i++) {
            current = current.resolve(relative.getName(i));
            BasicFileAttributes attributes = Files.readAttributes(current, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            boolean last = i == relative.getNameCount() - 1;
            if (attributes.isSymbolicLink() || (last ? !attributes.isRegularFile() : !attributes.isDirectory())) {
                throw new RefusedOutput("'" + root.relativize(current) + "' is a link or not a plain "
                        + (last ? "file" : "folder"));
            }
        }
        Object links;
        try {
            links = Files.getAttribute(output.file(), "unix:nlink", LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            links = null; // not a Unix file system: no hard links to count
        }
        if (links instanceof Integer count && count > 1) {
            throw new RefusedOutput("it is a hard link (a file with " + count + " names); copy the file into the"
                    + " outputs folder instead");
        }
        Object key = Files.readAttributes(output.file(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                .fileKey();
        return key == null ? output.file() : key;
    }

    /** An output that is not handed over, with why in words for the user. */
    private static final class RefusedOutput extends IOException {
        RefusedOutput(String message) {
            super(message);
        }
    }

    private static JobOutcome withProblem(JobOutcome outcome, String problem) {
        if (outcome.status() == Status.COMPLETE) {
            return new JobOutcome(Status.ERROR, outcome.exitCode(), "the commands succeeded, but " + problem);
        }
        return new JobOutcome(outcome.status(), outcome.exitCode(), outcome.message() + "; also " + problem);
    }
}
