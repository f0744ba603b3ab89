package io.lathe.plugins.storage.local;

import static java.util.Objects.requireNonNull;

import io.lathe.plugin.api.PluginException;
import io.lathe.plugin.api.storage.StorageKeys;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Maps keys to paths under the root folder and keeps them there: a key whose path leads out of the root through a
 * symbolic link is refused. Names starting with {@value #TEMPORARY_PREFIX} are reserved for uploads in progress.
 */
final class RootFolder {

    static final String TEMPORARY_PREFIX = ".lathe-upload-";

    private final Path root;

    /** @param root the real path of an existing folder */
    RootFolder(Path root) {
        this.root = requireNonNull(root, "root");
    }

    Path root() {
        return root;
    }

    /**
     * The path of the object under {@code key}.
     *
     * @throws IllegalArgumentException when the key breaks the key rules or uses a reserved name
     * @throws PluginException {@code access-denied} when the path leads out of the root
     */
    Path resolve(String key) {
        StorageKeys.requireValid(key);
        for (String segment : key.split("/")) {
            if (isTemporary(segment)) {
                throw new IllegalArgumentException(
                        "storage key uses the reserved name " + TEMPORARY_PREFIX + ": " + key);
            }
        }
        Path path = root.resolve(key);
        requireInsideRoot(path, key);
        return path;
    }

    /** A fresh name for an upload in progress, in the folder of {@code target} so that the final move is a rename. */
    Path temporarySibling(Path target) {
        return target.resolveSibling(TEMPORARY_PREFIX + UUID.randomUUID() + ".tmp");
    }

    /** Whether a folder {@code path} needs is taken by an object ({@code a} stored, {@code a/b} wanted). */
    boolean isUnderAnObject(Path path) {
        for (Path p = path.getParent(); p != null && p.startsWith(root) && !p.equals(root); p = p.getParent()) {
            if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                return true;
            }
        }
        return false;
    }

    static boolean isTemporary(String name) {
        return name.startsWith(TEMPORARY_PREFIX);
    }

    /** Whether {@code path}, once its links are followed, is in the root; false when it does not exist. */
    boolean isInsideRoot(Path path) {
        try {
            return path.toRealPath().startsWith(root);
        } catch (IOException e) {
            return false;
        }
    }

    // Checks the deepest part of the path that exists: links further up have been followed by then.
    private void requireInsideRoot(Path path, String key) {
        for (Path existing = path; existing != null && existing.startsWith(root); existing = existing.getParent()) {
            try {
                if (!existing.toRealPath().startsWith(root)) {
                    throw new PluginException("access-denied",
                            "key '" + key + "' leads out of the root folder through a symbolic link");
                }
                return;
            } catch (AccessDeniedException e) {
                throw Failures.of("resolve", key, e);
            } catch (IOException e) {
                // Not there (yet), or under an object rather than a folder: check its parent. Whatever the
                // caller then does with the path fails for the same reason, inside the root.
            }
        }
        throw new PluginException("storage-io-error", "the root folder " + root + " is missing");
    }
}
