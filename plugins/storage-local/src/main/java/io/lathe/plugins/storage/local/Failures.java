package io.lathe.plugins.storage.local;

import io.lathe.plugin.api.PluginException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** Turns file system faults into the plugin exceptions the server understands. */
final class Failures {

    private Failures() {
    }

    static PluginException of(String action, String key, IOException e) {
        String message = "could not " + action + " '" + key + "': " + reason(e);
        if (e instanceof AccessDeniedException) {
            return new PluginException("access-denied", message, e);
        }
        return new PluginException("storage-io-error", message, e);
    }

    static PluginException notFound(String key) {
        return new PluginException("object-not-found", "no object is stored under '" + key + "'");
    }

    static String reason(IOException e) {
        if (e instanceof FileSystemException fse) {
            String reason = fse.getReason() != null ? fse.getReason() : words(fse);
            return fse.getFile() + ": " + reason;
        }
        return e.getMessage() == null ? "an input/output error" : e.getMessage();
    }

    /** What a file system exception without a reason means, in words rather than its class name. */
    static String words(FileSystemException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "it already exists";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "the folder is not empty";
        }
        if (e instanceof NotDirectoryException) {
            return "not a folder";
        }
        return "the file system refused it";
    }
}
