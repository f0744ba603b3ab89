package io.lathe.plugins.storage.local;

import io.lathe.plugin.api.PluginException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;

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
            String reason = fse.getReason() == null ? e.getClass().getSimpleName() : fse.getReason();
            return fse.getFile() + ": " + reason;
        }
        return String.valueOf(e.getMessage());
    }
}
