package io.lathe.server.commits;

import io.lathe.server.platform.DomainException;
import io.lathe.server.platform.Limits;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
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
     * @param maxEntries the most entries (files, folders and links) a package may have
     * @param maxUnpackedBytes the most bytes its files may hold together, once unpacked
     * @throws DomainException 400 naming the entry at fault, or when there is no {@code valohai.yaml}; 413 when there are
     *     more than {@code maxEntries} entries or more than {@code maxUnpackedBytes} bytes
     */
    public static String inspect(InputStream packageBytes, int maxEntries, long maxUnpackedBytes) {
        String config = null;
        int entries = 0;
        long unpacked = 0;
        // What extract() will refuse as well: writing below a link.
        Set<Path> links = new HashSet<>();
        try (TarArchiveInputStream tar = open(packageBytes)) {
            TarArchiveEntry entry;
            while ((entry = nextEntry(tar)) != null) {
                if (++entries > maxEntries) {
                    throw new DomainException(DomainException.Kind.TOO_LARGE, "too-many-files",
                            "the package has more than " + maxEntries + " files, folders and links, the limit "
                                    + Limits.MAX_PACKAGE_FILES + " = " + maxEntries + "; leave out what the steps do"
                                    + " not need, or ask the administrator to raise the limit", "package");
                }
                refuseSparse(entry);
                // Checked from the header, before the entry's bytes are inflated to be skipped. Sparse entries
                // refused, the header's size is what the entry holds: the stream ends the entry there.
                unpacked += Math.max(0, entry.getSize());
                if (unpacked > maxUnpackedBytes) {
                    throw tooLargeUnpacked(entry, maxUnpackedBytes);
                }
                String path = checkedPath(entry);
                checkNotBelowLinks(entry, Path.of(path).normalize(), links);
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
            throw DomainException.invalid("missing-config", "the package has no valohai.yaml at its root; upload a "
                    + ".tar.gz of the project folder (e.g. tar czf code.tar.gz -C my-project .)", "valohai.yaml");
        }
        return config;
    }

    /**
     * Writes the package's files into {@code directory}, with the same checks as {@link #inspect}. Nothing is
     * written through a link: an entry below a link made by an earlier entry is refused, since the link could lead
     * anywhere by then.
     *
     * @param maxUnpackedBytes the most bytes written in all, counted as they are written whatever the headers say
     * @throws DomainException 400 naming the entry at fault, or when the package cannot be read; 413 past
     *     {@code maxUnpackedBytes}
     * @throws UncheckedIOException when the folder cannot be written (a full disk, say)
     */
    public static void extract(InputStream packageBytes, Path directory, long maxUnpackedBytes) {
        Path root;
        try {
            root = directory.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the code package into " + directory, e);
        }
        long[] written = {0};
        try (TarArchiveInputStream tar = open(packageBytes)) {
            TarArchiveEntry entry;
            while ((entry = nextEntry(tar)) != null) {
                refuseSparse(entry);
                String path = checkedPath(entry);
                if (path.equals(".")) {
                    continue;
                }
                try {
                    write(tar, entry, root, root.resolve(path).normalize(), written, maxUnpackedBytes);
                } catch (FileSystemException e) {
                    // What the entry's name or kind asks of the file system cannot be done: too long, a clash.
                    throw refused(entry, "it cannot be written: " + Optional.ofNullable(e.getReason())
                            .orElse("the file system refused it"));
                }
            }
        } catch (IOException e) {
            throw notAPackage(e);
        }
    }

    private static void checkNotBelowLinks(TarArchiveEntry entry, Path path, Set<Path> links) {
        for (Path parent = path.getParent(); parent != null; parent = parent.getParent()) {
            if (links.contains(parent)) {
                throw refused(entry, "it is below '" + parent + "', which an earlier entry made a link; nothing is"
                        + " written through links");
            }
        }
        if (entry.isSymbolicLink()) {
            links.add(path);
        } else if (entry.isDirectory() && links.contains(path)) {
            throw refused(entry, "an earlier entry made a link of the same name");
        } else {
            links.remove(path);
        }
    }

    private static void write(TarArchiveInputStream tar, TarArchiveEntry entry, Path root, Path target,
            long[] written, long maxUnpackedBytes) throws IOException {
        createParents(entry, root, target);
        boolean isFolder = Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS);
        if (entry.isDirectory()) {
            if (Files.isSymbolicLink(target)) {
                throw refused(entry, "an earlier entry made a link of the same name");
            }
            if (!isFolder) {
                Files.createDirectory(target);
            }
            return;
        }
        if (isFolder) {
            throw refused(entry, "an earlier entry made a folder of the same name");
        }
        if (entry.isSymbolicLink()) {
            Files.deleteIfExists(target);
            Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
        } else if (entry.isLink()) {
            Path source = root.resolve(entry.getLinkName()).normalize();
            if (Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS) && source.toRealPath().startsWith(root)) {
                // A hard link is a copy here: it counts, or a thousand links to one large file would not.
                written[0] += Files.size(source);
                if (written[0] > maxUnpackedBytes) {
                    throw tooLargeUnpacked(entry, maxUnpackedBytes);
                }
                Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } else if (entry.isFile()) {
            Files.deleteIfExists(target);
            copyContent(tar, entry, target, written, maxUnpackedBytes);
            if ((entry.getMode() & 0100) != 0) {
                Set<PosixFilePermission> permissions = EnumSet.copyOf(Files.getPosixFilePermissions(target));
                permissions.add(PosixFilePermission.OWNER_EXECUTE);
                Files.setPosixFilePermissions(target, permissions);
            }
        }
    }

    /** Makes the folders above {@code target}, refusing to pass through a link or a file made by earlier entries. */
    private static void createParents(TarArchiveEntry entry, Path root, Path target) throws IOException {
        Path relative = root.relativize(target);
        Path folder = root;
        for (int i = 0; i < relative.getNameCount() - 1; i++) {
            folder = folder.resolve(relative.getName(i));
            if (Files.isSymbolicLink(folder)) {
                throw refused(entry, "it is below '" + root.relativize(folder) + "', which an earlier entry made a"
                        + " link; nothing is written through links");
            }
            if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                if (Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
                    throw refused(entry, "it is below '" + root.relativize(folder) + "', which an earlier entry made"
                            + " a file");
                }
                Files.createDirectory(folder);
            }
        }
    }

    /**
     * Copies the entry's bytes, counting them against the limit as they come; a failure to read is the package's
     * fault, a failure to write the server's.
     */
    private static void copyContent(InputStream entryBytes, TarArchiveEntry entry, Path target, long[] written,
            long maxUnpackedBytes) throws IOException {
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            byte[] buffer = new byte[64 * 1024];
            for (int read; (read = entryBytes.read(buffer)) >= 0; ) {
                written[0] += read;
                if (written[0] > maxUnpackedBytes) {
                    throw tooLargeUnpacked(entry, maxUnpackedBytes);
                }
                try {
                    out.write(buffer, 0, read);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write " + target, e);
                }
            }
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
            if (!entry.isDirectory()) {
                throw refused(entry, "it has no name");
            }
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
            if (link.isEmpty() || link.startsWith("/") || !base.resolve(link).normalize().startsWith("/pkg")) {
                throw refused(entry, "it links to '" + link + "', outside the package");
            }
            // 'x/..' is where x leads, and up: when x is a link that is not where the text says.
            if (entry.isSymbolicLink() && climbsAfterDescending(link)) {
                throw refused(entry, "it links to '" + link + "', which goes up ('..') after going down; write the"
                        + " target without '..' after a folder name");
            }
        } else if (!entry.isFile() && !entry.isDirectory()) {
            throw refused(entry, "it is not a plain file, folder or link");
        }
        return path;
    }

    private static boolean climbsAfterDescending(String link) {
        boolean descended = false;
        for (String segment : link.split("/")) {
            if (segment.equals("..") && descended) {
                return true;
            }
            descended |= !segment.isEmpty() && !segment.equals(".") && !segment.equals("..");
        }
        return false;
    }

    /** Reads at most {@link #MAX_CONFIG_BYTES}, whatever the header says. */
    private static String readSmall(InputStream in, TarArchiveEntry entry) throws IOException {
        if (entry.getSize() > MAX_CONFIG_BYTES) {
            throw refused(entry, "it is larger than " + MAX_CONFIG_BYTES + " bytes");
        }
        byte[] bytes = in.readNBytes((int) MAX_CONFIG_BYTES + 1);
        if (bytes.length > MAX_CONFIG_BYTES) {
            throw refused(entry, "it is larger than " + MAX_CONFIG_BYTES + " bytes");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * Sparse entries (GNU, PAX or star) unpack to more than they hold, by an amount only their sparse maps tell: they
     * are refused, so that every entry's size is its header's.
     */
    private static void refuseSparse(TarArchiveEntry entry) {
        if (entry.isSparse() || entry.isGNUSparse() || entry.getLinkFlag() == TarConstants.LF_GNUTYPE_SPARSE) {
            throw refused(entry, "it is a sparse file; pack it as a plain file");
        }
    }

    private static DomainException tooLargeUnpacked(TarArchiveEntry entry, long maxUnpackedBytes) {
        return new DomainException(DomainException.Kind.TOO_LARGE, "package-too-large-unpacked",
                "the package's files hold more than " + maxUnpackedBytes + " bytes once unpacked (at '"
                        + entry.getName() + "'), the limit " + Limits.MAX_UNPACKED_BYTES + " = " + maxUnpackedBytes
                        + "; leave out what the steps do not need (data belongs in inputs), or ask the administrator"
                        + " to raise the limit", "package");
    }

    private static DomainException refused(TarArchiveEntry entry, String why) {
        return DomainException.invalid("unsafe-package-entry",
                "the package entry '" + entry.getName() + "' is refused: " + why, "package");
    }

    private static DomainException notAPackage(IOException e) {
        return DomainException.invalid("invalid-package", "the body is not a readable .tar.gz (or .tar) package: "
                + Optional.ofNullable(e.getMessage()).orElse("it ends too early or is damaged"), "package");
    }
}
