package io.lathe.plugins.compute.local;

import java.nio.file.FileSystemException;
import java.time.Duration;

/** Wording shared by the messages a user reads about a job. */
final class Messages {

    private Messages() {
    }

    /** What went wrong, in a few words, from an exception. */
    static String describe(Throwable e) {
        String detail = e.getMessage();
        if (detail == null || detail.isBlank()) {
            return e.getClass().getSimpleName();
        }
        // These carry only a path as their message; the type says what happened to it.
        return e instanceof FileSystemException ? e.getClass().getSimpleName() + ": " + detail : detail;
    }

    /** A time limit as a person writes it: {@code 5 s}, or {@code 1500 ms} when not whole seconds. */
    static String describe(Duration limit) {
        return limit.toMillis() % 1000 == 0 ? limit.toSeconds() + " s" : limit.toMillis() + " ms";
    }
}
