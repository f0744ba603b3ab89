package io.lathe.server.it;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * Makes {@code .tar.gz} packages of code as {@code vh exec run --adhoc} does, and broken ones on purpose. Public for
 * the in-container tests, which deploy it with them.
 */
public final class CodePackages {

    private CodePackages() {
    }

    /** Packs a folder on the test class path (under {@code projects/}) with paths relative to it. */
    static Path of(String project) throws IOException {
        Path folder;
        try {
            folder = Path.of(CodePackages.class.getResource("/projects/" + project).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        return of(folder);
    }

    static Path of(Path folder) throws IOException {
        Path target = Files.createTempFile("package-", ".tar.gz");
        try (TarArchiveOutputStream tar = open(target); Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                TarArchiveEntry entry = new TarArchiveEntry(file.toFile(), folder.relativize(file).toString());
                tar.putArchiveEntry(entry);
                Files.copy(file, tar);
                tar.closeArchiveEntry();
            }
        }
        return target;
    }

    /** One entry of a hand-made package. */
    public record Entry(String name, String content, String linkTarget, byte type) {
        public static Entry file(String name, String content) {
            return new Entry(name, content, null, TarArchiveEntry.LF_NORMAL);
        }

        static Entry symlink(String name, String target) {
            return new Entry(name, null, target, TarArchiveEntry.LF_SYMLINK);
        }
    }

    public static Path of(List<Entry> entries) throws IOException {
        Path target = Files.createTempFile("package-", ".tar.gz");
        try (TarArchiveOutputStream tar = open(target)) {
            for (Entry entry : entries) {
                TarArchiveEntry tarEntry = new TarArchiveEntry(entry.name(), entry.type(), true);
                if (entry.linkTarget() != null) {
                    tarEntry.setLinkName(entry.linkTarget());
                    tar.putArchiveEntry(tarEntry);
                } else {
                    byte[] bytes = entry.content().getBytes(StandardCharsets.UTF_8);
                    tarEntry.setSize(bytes.length);
                    tar.putArchiveEntry(tarEntry);
                    tar.write(bytes);
                }
                tar.closeArchiveEntry();
            }
        }
        return target;
    }

    private static TarArchiveOutputStream open(Path target) throws IOException {
        OutputStream out = new GzipCompressorOutputStream(Files.newOutputStream(target));
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        return tar;
    }
}
