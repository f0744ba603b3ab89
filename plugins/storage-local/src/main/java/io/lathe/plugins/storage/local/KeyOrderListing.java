package io.lathe.plugins.storage.local;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static java.util.Objects.requireNonNull;

import io.lathe.plugin.api.storage.StorageKeys;
import io.lathe.plugin.api.storage.StoredObject;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Walks the root folder and reports objects in key order ({@link String#compareTo}) without collecting them:
 * within a folder, entries are sorted with a {@code /} after a sub-folder's name, so that every key under it sorts
 * where the full keys would ({@code a-c} before {@code a/b} before {@code a0}). Holds one folder's names at a time.
 *
 * <p>Reports regular files and symbolic links to files inside the root; does not descend into linked folders
 * (which could loop), and skips uploads in progress and names that are no valid key.
 */
final class KeyOrderListing {

    private final RootFolder root;
    private final Consumer<StoredObject> visitor;

    KeyOrderListing(RootFolder root, Consumer<StoredObject> visitor) {
        this.root = requireNonNull(root, "root");
        this.visitor = requireNonNull(visitor, "visitor");
    }

    void list(String prefix) {
        requireNonNull(prefix, "prefix");
        if (prefix.startsWith("/") || prefix.contains("\\") || prefix.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("storage key prefix must be a relative path with '/' separators: "
                    + prefix);
        }
        int slash = prefix.lastIndexOf('/');
        String folderKey = slash < 0 ? "" : prefix.substring(0, slash);
        String namePrefix = prefix.substring(slash + 1);
        Path folder = folderKey.isEmpty() ? root.root() : root.resolve(StorageKeys.requireValid(folderKey));
        walk(folder, folderKey, namePrefix);
    }

    private void walk(Path folder, String folderKey, String namePrefix) {
        for (Entry entry : sortedEntries(folder, folderKey, namePrefix)) {
            if (entry.attributes.isDirectory()) {
                walk(entry.path, entry.key, "");
            } else {
                visitor.accept(new StoredObject(entry.key, entry.attributes.size(),
                        entry.attributes.lastModifiedTime().toInstant()));
            }
        }
    }

    private List<Entry> sortedEntries(Path folder, String folderKey, String namePrefix) {
        List<Entry> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
            for (Path path : stream) {
                String name = path.getFileName().toString();
                if (name.startsWith(namePrefix) && !RootFolder.isTemporary(name)) {
                    String key = folderKey.isEmpty() ? name : folderKey + "/" + name;
                    describe(path, key).ifPresent(entries::add);
                }
            }
        } catch (NoSuchFileException | NotDirectoryException e) {
            return List.of();
        } catch (IOException e) {
            throw Failures.of("list", folderKey + "/", e);
        }
        entries.sort(Comparator.comparing(Entry::sortKey));
        return entries;
    }

    private Optional<Entry> describe(Path path, String key) {
        if (!isValidKey(key)) {
            return Optional.empty();
        }
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class, NOFOLLOW_LINKS);
            if (attributes.isSymbolicLink()) {
                if (!root.isInsideRoot(path)) {
                    return Optional.empty();
                }
                attributes = Files.readAttributes(path, BasicFileAttributes.class);
                if (!attributes.isRegularFile()) {
                    return Optional.empty();
                }
            }
            if (attributes.isDirectory() || attributes.isRegularFile()) {
                return Optional.of(new Entry(path, key, attributes));
            }
            return Optional.empty();
        } catch (IOException e) {
            // Deleted while listing, or unreadable: not an object we can report.
            return Optional.empty();
        }
    }

    private static boolean isValidKey(String key) {
        try {
            StorageKeys.requireValid(key);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private record Entry(Path path, String key, BasicFileAttributes attributes) {
        String sortKey() {
            String name = path.getFileName().toString();
            return attributes.isDirectory() ? name + "/" : name;
        }
    }
}
