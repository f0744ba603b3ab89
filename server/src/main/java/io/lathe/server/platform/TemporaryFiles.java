package io.lathe.server.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Scratch files for uploads and downloads in progress, under {@code LATHE_HOME/tmp}. */
@ApplicationScoped
public class TemporaryFiles {

    @Inject
    LatheSettings settings;

    /** A new empty file; the caller deletes it. */
    public Path create(String prefix) {
        try {
            return Files.createTempFile(settings.temporaryDirectory(), prefix, ".tmp");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary file", e);
        }
    }

    /** Removes what an earlier run left behind: nothing there is needed across a restart. */
    public void clear() {
        Path root = settings.temporaryDirectory();
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(root)).forEach(TemporaryFiles::deleteQuietly);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + root, e);
        }
    }

    public static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // Left for the next start-up's clear().
        }
    }
}
