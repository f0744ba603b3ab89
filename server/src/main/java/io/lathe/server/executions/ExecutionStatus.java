package io.lathe.server.executions;

import java.util.Locale;

/** Where an execution is in its life, with Valohai's names. */
public enum ExecutionStatus {
    /** Waiting for its environment to have room, or being prepared to run. */
    QUEUED,
    /** The user's commands are running. */
    STARTED,
    /** A stop was asked for; the job is ending. */
    STOPPING,
    /** Every command exited with 0. */
    COMPLETE,
    /** A command failed, or the job could not run. */
    ERROR,
    /** Stopped on request or by its time limit. */
    STOPPED;

    public boolean isTerminal() {
        return this == COMPLETE || this == ERROR || this == STOPPED;
    }

    /** The name the API uses: lowercase, as Valohai's. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
