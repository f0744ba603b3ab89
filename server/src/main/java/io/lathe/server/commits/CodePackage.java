package io.lathe.server.commits;

import io.lathe.server.api.ApiException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * A package of code as {@code vh exec run --adhoc} uploads it: a {@code .tar.gz} of the project folder with
 * {@code valohai.yaml} at its root. Every entry is checked before anything is trusted: no absolute paths, no
 * {@code ..}, no link pointing out of the package, no devices.
 */
public final class CodePackage {

    public static final String CONFIG_FILE = "valohai.yaml";
    static final long MAX_CONFIG_BYTES = 1024 * 1024;

    private CodePackage() {
    }

    /**
     * Reads the whole package, checking every entry, and returns the text of its {@code valohai.yaml}.
     *
     * @throws ApiException 400 naming the entry at fault, or when there is no {@code valohai.yaml}
     */
    public static String inspect(InputStream packageBytes) {
        String config = null;
        int entries = 0;
        try (TarArchiveInputStream tar = open(packageBytes)) {
            TarArchiveEntry entry;
            while ((entry = nextEntry(tar)) != null) {
                entries++;
                String path = checkedPath(entry);
                if (path.equals(CONFIG_FILE) && entry.isFile()) {
                    config = readSmall(tar, entry);
                }
            }
        } catch (IOException e) {
            throw notAPackage(e);
        }
        if (entries == 0) {
            throw notAPackage(new IOException("it holds no files"));
        }
        if (config == null) {
            throw ApiException.badRequest("missing-config", "the package has no valohai.yaml at its root; upload a "
                    + ".tar.gz of the project folder (e.g. tar czf code.tar.gz -C my-project .)", "valohai.yaml");
        }
        return config;
    }

    /** Writes the package's files into {@code directory}, with the same checks as {@link #inspect}. */
    public static void extract(InputStream packageBytes, Path directory) {
        try (TarArchiveInputStream tar = open(packageBytes)) {
            Path root = directory.toRealPath();
            TarArchiveEntry entry;
            while ((entry = nextEntry(tar)) != null) {
                Path target = root.resolve(checkedPath(entry)).normalize();
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                // The lexical checks cannot see links made by earlier entries: check where bytes really go.
                Files.createDirectories(target.getParent());
                Path realParent = target.getParent().toRealPath();
                if (!realParent.startsWith(root)) {
                    throw refused(entry, "it would be written outside the working folder through a link");
                }
                if (entry.isSymbolicLink()) {
                    Path link = Path.of(entry.getLinkName());
                    if (!realParent.resolve(link).normalize().startsWith(root)) {
                        throw refused(entry, "it links outside the working folder through another link");
                    }
                    Files.createSymbolicLink(target, link);
                } else if (entry.isLink()) {
                    Path source = root.resolve(entry.getLinkName()).normalize();
                    if (Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS) && source.toRealPath().startsWith(root)) {
                        Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                } else if (entry.isFile()) {
                    Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                    if ((entry.getMode() & 0100) != 0) {
                        Set<PosixFilePermission> permissions = EnumSet.copyOf(Files.getPosixFilePermissions(target));
                        permissions.add(PosixFilePermission.OWNER_EXECUTE);
                        Files.setPosixFilePermissions(target, permissions);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the code package into " + directory, e);
        }
    }

    private static TarArchiveInputStream open(InputStream packageBytes) throws IOException {
        InputStream buffered = new BufferedInputStream(packageBytes, 64 * 1024);
        buffered.mark(2);
        int first = buffered.read();
        int second = buffered.read();
        buffered.reset();
        // A plain tar is taken as well as a gzipped one: both are what people make of a folder.
        InputStream tarBytes = first == 0x1f && second == 0x8b ? new GzipCompressorInputStream(buffered) : buffered;
        return new TarArchiveInputStream(tarBytes);
    }

    private static TarArchiveEntry nextEntry(TarArchiveInputStream tar) throws IOException {
        try {
            return tar.getNextEntry();
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** The entry's path, relative and normalised, or a 400 saying why it is refused. */
    static String checkedPath(TarArchiveEntry entry) {
        String name = entry.getName();
        String path = name.startsWith("./") ? name.substring(2) : name;
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.isEmpty() || path.equals(".")) {
            return ".";
        }
        if (path.startsWith("/") || path.contains("\\") || path.indexOf('\0') >= 0) {
            throw refused(entry, "its path is absolute or has a backslash or NUL");
        }
        for (String segment : path.split("/")) {
            if (segment.equals("..")) {
                throw refused(entry, "its path goes up with '..'");
            }
        }
        if (entry.isFIFO() || entry.isCharacterDevice() || entry.isBlockDevice()) {
            throw refused(entry, "it is a device or FIFO");
        }
        if (entry.isSymbolicLink() || entry.isLink()) {
            String link = entry.getLinkName();
            Path base = entry.isSymbolicLink() ? Path.of("/pkg", path).getParent() : Path.of("/pkg");
            if (link.startsWith("/") || !base.resolve(link).normalize().startsWith("/pkg")) {
                throw refused(entry, "it links to '" + link + "', outside the package");
            }
        } else if (!entry.isFile() && !entry.isDirectory()) {
            throw refused(entry, "it is not a plain file, folder or link");
        }
        return path;
    }

    private static String readSmall(InputStream in, TarArchiveEntry entry) throws IOException {
        if (entry.getSize() > MAX_CONFIG_BYTES) {
            throw refused(entry, "it is larger than " + MAX_CONFIG_BYTES + " bytes");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) entry.getSize());
        in.transferTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static ApiException refused(TarArchiveEntry entry, String why) {
        return ApiException.badRequest("unsafe-package-entry",
                "the package entry '" + entry.getName() + "' is refused: " + why, "package");
    }

    private static ApiException notAPackage(IOException e) {
        return ApiException.badRequest("invalid-package", "the body is not a readable .tar.gz (or .tar) package: "
                + Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName()), "package");
    }
}
