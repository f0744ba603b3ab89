package io.lathe.plugins.compute.local;

import static java.util.Objects.requireNonNull;

import io.lathe.plugin.api.compute.InputFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The folder of one job, laid out as the runtime contract says: {@code repository/} (the working directory),
 * {@code inputs/<input-name>/<file>}, {@code outputs/} and {@code config/}.
 */
final class Workspace {

    /** A regular file the job left in its outputs folder. */
    record Output(String relativePath, Path file) {
    }

    private final Path root;

    Workspace(Path root) {
        this.root = requireNonNull(root, "root").toAbsolutePath().normalize();
    }

    /** Whether {@code name} can be used as one file name without leaving its folder. */
    static boolean isPlainName(String name) {
        return !name.isEmpty() && !name.equals(".") && !name.equals("..")
                && name.indexOf('/') < 0 && name.indexOf('\0') < 0;
    }

    Path root() {
        return root;
    }

    Path repository() {
        return root.resolve("repository");
    }

    Path inputs() {
        return root.resolve("inputs");
    }

    Path outputs() {
        return root.resolve("outputs");
    }

    Path config() {
        return root.resolve("config");
    }

    /**
     * Where a script with a {@code #!} line is written: beside the contract's folders, so that it is not among the
     * job's code or outputs (a sandbox shows it read-only at {@link JobPaths#IN_SANDBOX}'s script file).
     */
    Path scriptFile() {
        return root.resolve("command");
    }

    /** Makes the empty folders, replacing what a previous run of the same execution may have left. */
    void create() throws IOException {
        delete();
        for (Path folder : List.of(repository(), inputs(), outputs(), config())) {
            Files.createDirectories(folder);
        }
    }

    /** Streams one input file to {@code inputs/<input-name>/<file-name>}. */
    void copyInput(InputFile input) throws IOException {
        Path folder = inputs().resolve(plainName(input.inputName(), "input name"));
        Path target = folder.resolve(plainName(input.fileName(), "file name"));
        Files.createDirectories(folder);
        try (InputStream in = input.open()) {
            Files.copy(in, target);
        }
    }

    /** Writes each config file, by name, into {@code config/}. */
    void writeConfig(Map<String, String> files) throws IOException {
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path target = config().resolve(plainName(file.getKey(), "config file name"));
            Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
        }
    }

    /**
     * Every regular file below {@code outputs/}, nested ones too, sorted by relative path. Symbolic links are
     * skipped, never followed: a link could point anywhere on the server's disk.
     */
    List<Output> outputFiles() throws IOException {
        Path outputs = outputs();
        List<Output> found = new ArrayList<>();
        if (!Files.isDirectory(outputs, LinkOption.NOFOLLOW_LINKS)) {
            return found;
        }
        Files.walkFileTree(outputs, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile()) {
                    found.add(new Output(relativePath(outputs, file), file));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                throw e;
            }
        });
        found.sort(Comparator.comparing(Output::relativePath));
        return found;
    }

    /** Deletes the whole folder; links inside are removed, not followed. Nothing happens when it is missing. */
    void delete() throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path folder, BasicFileAttributes attributes) {
                // A job may have made a folder read-only; its owner may still empty it once it is writable.
                folder.toFile().setWritable(true, true);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path folder, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(folder);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static String relativePath(Path base, Path file) {
        Path relative = base.relativize(file);
        StringBuilder path = new StringBuilder();
        for (Path part : relative) {
            if (path.length() > 0) {
                path.append('/');
            }
            path.append(part);
        }
        return path.toString();
    }

    private static String plainName(String name, String what) throws IOException {
        if (!isPlainName(name)) {
            throw new IOException(what + " '" + name + "' is not a plain file name");
        }
        return name;
    }
}
