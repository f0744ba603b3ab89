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
        // These carry only a path as their message; their type says what happened to it, in words here.
        if (e instanceof FileSystemException fse) {
            String what = fse.getReason() != null ? fse.getReason()
                    : e instanceof java.nio.file.NoSuchFileException ? "no such file"
                    : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : e instanceof java.nio.file.FileAlreadyExistsException ? "it already exists"
                    : e instanceof java.nio.file.DirectoryNotEmptyException ? "the folder is not empty"
                    : e instanceof java.nio.file.NotDirectoryException ? "not a folder" : "the file system refused it";
            return fse.getFile() == null ? what : what + ": " + fse.getFile();
        }
        if (detail == null || detail.isBlank()) {
            return "an unexpected error; the server log has the details";
        }
        return detail;
    }

    /** A time limit as a person writes it: {@code 5 s}, or {@code 1500 ms} when not whole seconds. */
    static String describe(Duration limit) {
        return limit.toMillis() % 1000 == 0 ? limit.toSeconds() + " s" : limit.toMillis() + " ms";
    }
}
