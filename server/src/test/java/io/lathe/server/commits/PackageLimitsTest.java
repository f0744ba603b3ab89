package io.lathe.server.commits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lathe.server.platform.DomainException;
import io.lathe.server.platform.HashingInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The size and entry limits of code packages: a 413 that names the limit to raise. */
class PackageLimitsTest {

    private static final String YAML = "- step:\n    name: a\n    image: b\n    command: c\n";

    @TempDir
    Path folder;

    @Test
    void aPackageLargerThanTheLimitIsRefusedWith413NamingIt() throws IOException {
        Path scratch = folder.resolve("package.tmp");
        CommitService.copy(new HashingInputStream(new ByteArrayInputStream(new byte[1_000]), 1_000), scratch);
        assertEquals(1_000, Files.size(scratch));

        DomainException refused = assertThrows(DomainException.class, () -> CommitService.copy(
                new HashingInputStream(new ByteArrayInputStream(new byte[1_001]), 1_000), scratch));
        assertEquals(DomainException.Kind.TOO_LARGE, refused.kind());
        assertEquals("package-too-large", refused.code());
        assertTrue(refused.getMessage().contains("LATHE_MAX_PACKAGE_BYTES = 1000"), refused.getMessage());
    }

    @Test
    void aPackageWithMoreEntriesThanTheLimitIsRefusedWith413NamingIt() throws IOException {
        byte[] atTheLimit = tarGz(10);
        assertEquals(YAML, CodePackage.inspect(new ByteArrayInputStream(atTheLimit), 10, Long.MAX_VALUE));

        DomainException refused = assertThrows(DomainException.class,
                () -> CodePackage.inspect(new ByteArrayInputStream(tarGz(11)), 10, Long.MAX_VALUE));
        assertEquals(DomainException.Kind.TOO_LARGE, refused.kind());
        assertEquals("too-many-files", refused.code());
        assertTrue(refused.getMessage().contains("LATHE_MAX_PACKAGE_FILES = 10"), refused.getMessage());
    }

    @Test
    void aSmallPackageThatUnpacksToMoreThanTheLimitIsRefusedBeforeItIsInflated() throws IOException {
        long bomb = 64L * 1024 * 1024;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            byte[] yaml = YAML.getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry config = new TarArchiveEntry("valohai.yaml");
            config.setSize(yaml.length);
            tar.putArchiveEntry(config);
            tar.write(yaml);
            tar.closeArchiveEntry();
            TarArchiveEntry zeros = new TarArchiveEntry("zeros.bin");
            zeros.setSize(bomb);
            tar.putArchiveEntry(zeros);
            byte[] block = new byte[1024 * 1024];
            for (long written = 0; written < bomb; written += block.length) {
                tar.write(block);
            }
            tar.closeArchiveEntry();
        }
        byte[] packageBytes = bytes.toByteArray();
        assertTrue(packageBytes.length < 1024 * 1024, "compressed, it is small: " + packageBytes.length);

        assertEquals(YAML, CodePackage.inspect(new ByteArrayInputStream(packageBytes), 10, bomb + YAML.length()));
        DomainException refused = assertThrows(DomainException.class,
                () -> CodePackage.inspect(new ByteArrayInputStream(packageBytes), 10, 1024 * 1024));
        assertEquals(DomainException.Kind.TOO_LARGE, refused.kind());
        assertEquals("package-too-large-unpacked", refused.code());
        assertTrue(refused.getMessage().contains("LATHE_MAX_UNPACKED_BYTES = 1048576"), refused.getMessage());
        assertTrue(refused.getMessage().contains("zeros.bin"), "names the entry: " + refused.getMessage());
    }

    /** A package of {@code entries} entries: valohai.yaml and empty files. */
    private static byte[] tarGz(int entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            byte[] yaml = YAML.getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry config = new TarArchiveEntry("valohai.yaml");
            config.setSize(yaml.length);
            tar.putArchiveEntry(config);
            tar.write(yaml);
            tar.closeArchiveEntry();
            for (int i = 1; i < entries; i++) {
                tar.putArchiveEntry(new TarArchiveEntry("f" + i));
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }
}
