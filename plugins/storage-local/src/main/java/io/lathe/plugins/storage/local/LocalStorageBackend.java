package io.lathe.plugins.storage.local;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static java.util.Objects.requireNonNull;

import io.lathe.plugin.api.PluginException;
import io.lathe.plugin.api.storage.StorageBackend;
import io.lathe.plugin.api.storage.StoredObject;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Objects as files under a root folder, at the path their key names. A put writes a temporary file beside the
 * target, flushes it to disk and renames it over the target, so readers see the old bytes or the new. Deleting an
 * object also removes the folders it leaves empty.
 *
 * <p>Since folders hold objects, a key cannot name both an object and a folder of objects ({@code a} and
 * {@code a/b}); such a put fails with {@code key-conflict}.
 */
final class LocalStorageBackend implements StorageBackend {

    private static final int WRITE_BUFFER_SIZE = 1024 * 1024;
    private static final int READ_BUFFER_SIZE = 256 * 1024;
    // A concurrent delete may remove a folder a put has just made; the put then makes it again.
    private static final int FOLDER_ATTEMPTS = 5;

    private final RootFolder root;

    LocalStorageBackend(RootFolder root) {
        this.root = requireNonNull(root, "root");
    }

    @Override
    public StoredObject put(String key, InputStream content, long length) {
        requireNonNull(content, "content");
        Path target = root.resolve(key);
        if (Files.isDirectory(target, NOFOLLOW_LINKS)) {
            throw conflict(key);
        }
        Path temporary = createTemporary(key, target);
        try {
            long written = write(key, content, temporary);
            if (length >= 0 && written != length) {
                throw new PluginException("length-mismatch",
                        "expected " + length + " bytes for '" + key + "' but the content had " + written);
            }
            Instant modified = Files.getLastModifiedTime(temporary).toInstant();
            Files.move(temporary, target, ATOMIC_MOVE, REPLACE_EXISTING);
            return new StoredObject(key, written, modified);
        } catch (IOException e) {
            throw Files.isDirectory(target, NOFOLLOW_LINKS) ? conflict(key) : Failures.of("store", key, e);
        } finally {
            deleteQuietly(temporary);
        }
    }

    @Override
    public InputStream open(String key, long offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset < 0: " + offset);
        }
        Path path = root.resolve(key);
        if (!Files.isRegularFile(path)) {
            throw Failures.notFound(key);
        }
        try {
            FileChannel channel = FileChannel.open(path, READ);
            try {
                channel.position(offset);
            } catch (IOException e) {
                channel.close();
                throw e;
            }
            return new BufferedInputStream(Channels.newInputStream(channel), READ_BUFFER_SIZE);
        } catch (NoSuchFileException e) {
            throw Failures.notFound(key);
        } catch (IOException e) {
            throw Failures.of("open", key, e);
        }
    }

    @Override
    public Optional<StoredObject> stat(String key) {
        Path path = root.resolve(key);
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                return Optional.empty();
            }
            return Optional.of(new StoredObject(key, attributes.size(), attributes.lastModifiedTime().toInstant()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            if (root.isUnderAnObject(path)) {
                return Optional.empty();
            }
            throw Failures.of("describe", key, e);
        }
    }

    @Override
    public void list(String prefix, Consumer<StoredObject> visitor) {
        new KeyOrderListing(root, visitor).list(prefix);
    }

    @Override
    public void delete(String key) {
        Path path = root.resolve(key);
        if (Files.isDirectory(path, NOFOLLOW_LINKS)) {
            return;
        }
        try {
            if (Files.deleteIfExists(path)) {
                removeEmptyFolders(path.getParent());
            }
        } catch (IOException e) {
            if (!root.isUnderAnObject(path)) {
                throw Failures.of("delete", key, e);
            }
        }
    }

    @Override
    public void close() {
        // Holds no open files or threads between calls.
    }

    private Path createTemporary(String key, Path target) {
        for (int attempt = 1; ; attempt++) {
            Path temporary = root.temporarySibling(target);
            try {
                Files.createDirectories(target.getParent());
                Files.newByteChannel(temporary, CREATE_NEW, WRITE).close();
                return temporary;
            } catch (NoSuchFileException e) {
                if (attempt == FOLDER_ATTEMPTS) {
                    throw Failures.of("store", key, e);
                }
            } catch (IOException e) {
                throw root.isUnderAnObject(target) ? conflict(key) : Failures.of("store", key, e);
            }
        }
    }

    private static long write(String key, InputStream content, Path temporary) throws IOException {
        byte[] buffer = new byte[WRITE_BUFFER_SIZE];
        long written = 0;
        try (FileChannel channel = FileChannel.open(temporary, WRITE)) {
            while (true) {
                int n;
                try {
                    n = content.read(buffer);
                } catch (IOException e) {
                    throw new PluginException("content-unreadable",
                            "reading the content for '" + key + "' failed: " + e.getMessage(), e);
                }
                if (n < 0) {
                    break;
                }
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                while (chunk.hasRemaining()) {
                    channel.write(chunk);
                }
                written += n;
            }
            channel.force(true);
        }
        return written;
    }

    private void removeEmptyFolders(Path folder) {
        for (Path current = folder; current != null && !current.equals(root.root()); current = current.getParent()) {
            try {
                Files.delete(current);
            } catch (IOException e) {
                // Not empty (the usual case), already gone, or not ours to remove: stop here.
                return;
            }
        }
    }

    private static void deleteQuietly(Path temporary) {
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException e) {
            // A leftover upload is hidden from list and reclaimed by nothing worse than disk space.
        }
    }

    private static PluginException conflict(String key) {
        return new PluginException("key-conflict",
                "cannot store '" + key + "': a folder of the local store and an object would share a name");
    }
}
