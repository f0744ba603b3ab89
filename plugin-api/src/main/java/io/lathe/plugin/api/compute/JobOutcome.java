package io.lathe.plugin.api.compute;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * How a job ended.
 *
 * @param status the end state
 * @param exitCode the exit code of the last command run, when one ran to its end
 * @param message a sentence for the user on why it ended that way; empty for a plain success
 */
public record JobOutcome(Status status, OptionalInt exitCode, String message) {

    /** Checks that no part is null. */
    public JobOutcome {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(exitCode, "exitCode");
        Objects.requireNonNull(message, "message");
    }

    /** The end states of a job. */
    public enum Status {
        /** Every command exited with 0. */
        COMPLETE,
        /** A command failed, or the job could not be run. */
        ERROR,
        /** Stopped on request or by its time limit. */
        STOPPED
    }
}
