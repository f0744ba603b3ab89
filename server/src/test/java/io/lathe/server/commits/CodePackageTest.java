package io.lathe.server.commits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lathe.server.platform.DomainException;
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

class CodePackageTest {

    private static final String YAML = "- step:\n    name: a\n    image: b\n    command: c\n";

    @TempDir
    Path folder;

    @Test
    void inspectFindsTheConfigAtTheRootWithOrWithoutALeadingDotSlash() throws IOException {
        assertEquals(YAML, inspect(tarGz(file("./valohai.yaml", YAML), file("./src/x.py", "1"))));
        assertEquals(YAML, inspect(tarGz(file("valohai.yaml", YAML))));
    }

    @Test
    void extractWritesFilesFoldersAndTheExecutableBit() throws IOException {
        TarArchiveEntry script = file("run.sh", "#!/bin/sh\necho hi\n");
        script.setMode(0755);
        CodePackage.extract(tarGz(file("valohai.yaml", YAML), script, file("deep/er/data.txt", "d"),
                symlink("latest.txt", "deep/er/data.txt")), folder, 1 << 20);
        assertTrue(Files.isExecutable(folder.resolve("run.sh")));
        assertEquals("d", Files.readString(folder.resolve("deep/er/data.txt")));
        assertEquals("d", Files.readString(folder.resolve("latest.txt")));
    }

    @Test
    void entriesThatLeaveThePackageAreRefusedByName() {
        for (TarArchiveEntry attack : new TarArchiveEntry[] {file("../x", "1"), file("a/../../x", "1"),
                file("/etc/cron.d/x", "1"), symlink("l", "/etc/passwd"), symlink("a/l", "../../x")}) {
            DomainException refused = assertThrows(DomainException.class,
                    () -> inspect(tarGz(file("valohai.yaml", YAML), attack)), attack.getName());
            assertEquals(DomainException.Kind.INVALID, refused.kind());
            assertTrue(refused.getMessage().contains(attack.getName()), refused.getMessage());
        }
    }

    @Test
    void aChainOfLinksThatOnlyEscapesWhenFollowedIsCaughtAtUploadAndWhenExtracting() throws IOException {
        Path work = Files.createDirectories(folder.resolve("work"));
        byte[] chain = tarGz(file("valohai.yaml", YAML), file("a/b/keep.txt", "k"), symlink("a/b/c", ".."),
                symlink("a/b/c/l", "../../escaped")).readAllBytes();
        assertThrows(DomainException.class, () -> inspect(new ByteArrayInputStream(chain)));
        assertThrows(DomainException.class, () -> CodePackage.extract(new ByteArrayInputStream(chain), work, 1 << 20));
        assertFalse(Files.exists(folder.resolve("escaped")));
    }

    @Test
    void entriesBelowALinkAreRefusedAtUploadAsTheyWouldBeWhenExtracting() throws IOException {
        DomainException refused = assertThrows(DomainException.class, () -> inspect(tarGz(file("valohai.yaml", YAML),
                symlink("lib", "src"), file("lib/x.py", "1"))));
        assertTrue(refused.getMessage().contains("below 'lib'"), refused.getMessage());
        assertEquals(YAML, inspect(tarGz(file("valohai.yaml", YAML), symlink("lib", "src"), file("lib", "replaced"),
                file("lib2/x.py", "1"))));
    }

    @Test
    void devicesAndMissingConfigAndGarbageAreRefused() {
        TarArchiveEntry fifo = new TarArchiveEntry("pipe", TarArchiveEntry.LF_FIFO, true);
        assertEquals("unsafe-package-entry", error(() -> inspect(tarGz(file("valohai.yaml", YAML), fifo)),
                "fifo"));
        assertEquals("missing-config", error(() -> inspect(tarGz(file("main.py", "1"))), "no yaml"));
        assertEquals("invalid-package", error(() -> inspect(
                new ByteArrayInputStream(new byte[] {0x1f, (byte) 0x8b, 1, 2, 3})), "garbage"));
    }

    private static String inspect(java.io.InputStream packageBytes) {
        return CodePackage.inspect(packageBytes, 1_000, Long.MAX_VALUE);
    }

    private static String error(org.junit.jupiter.api.function.Executable action, String what) {
        return assertThrows(DomainException.class, action, what).code();
    }

    private static TarArchiveEntry file(String name, String content) {
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        entry.setSize(content.getBytes(StandardCharsets.UTF_8).length);
        return withContent(entry, content);
    }

    private static TarArchiveEntry symlink(String name, String target) {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK, true);
        entry.setLinkName(target);
        return entry;
    }

    private static final java.util.Map<TarArchiveEntry, String> CONTENT = new java.util.IdentityHashMap<>();

    private static TarArchiveEntry withContent(TarArchiveEntry entry, String content) {
        CONTENT.put(entry, content);
        return entry;
    }

    private static ByteArrayInputStream tarGz(TarArchiveEntry... entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (TarArchiveEntry entry : entries) {
                tar.putArchiveEntry(entry);
                String content = CONTENT.get(entry);
                if (content != null) {
                    tar.write(content.getBytes(StandardCharsets.UTF_8));
                }
                tar.closeArchiveEntry();
            }
        }
        return new ByteArrayInputStream(bytes.toByteArray());
    }
}
