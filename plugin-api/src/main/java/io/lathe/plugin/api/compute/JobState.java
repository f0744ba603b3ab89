package io.lathe.plugin.api.compute;

/** What an environment knows of a job it was asked about by handle. */
public enum JobState {
    /** Still running; its listener will be called. */
    RUNNING,
    /** Ended; its listener got (or is getting) {@link JobListener#finished}. */
    FINISHED,
    /** The environment has no record of it (issued before a restart that lost local jobs, or never issued). */
    UNKNOWN
}
