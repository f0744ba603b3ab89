package io.lathe.server.tasks;

import java.util.Locale;

/** Where a task is: running until it has all its trials' results, or until it is stopped or fails. */
public enum TaskStatus {
    RUNNING, STOPPING, COMPLETE, STOPPED, ERROR;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isTerminal() {
        return this == COMPLETE || this == STOPPED || this == ERROR;
    }
}
