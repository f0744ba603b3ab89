package io.lathe.plugin.api.compute;

import java.io.InputStream;

/**
 * How a job reports to the server. Implemented by the server; called by the environment from its own threads,
 * possibly from several at once. The calls for one job come in this order: {@link #started()} at most once,
 * {@link #log} and {@link #output} any number of times, then {@link #finished} exactly once. A job that fails before
 * it starts skips {@link #started()}.
 */
public interface JobListener {

    /** The user's commands are running. */
    void started();

    /**
     * One line the job printed, without its line terminator. Lines of one stream arrive in the order printed.
     * Returns quickly: the server buffers and writes in batches.
     */
    void log(LogStream stream, String line);

    /**
     * One file the job left in its outputs folder, to be stored. Returns once the server has stored it; does not
     * close {@code content}.
     *
     * @param relativePath the path below the outputs folder, with {@code /} separators
     */
    void output(String relativePath, InputStream content);

    /** The job has ended and all its outputs have been handed over; the last call for the job. */
    void finished(JobOutcome outcome);
}
