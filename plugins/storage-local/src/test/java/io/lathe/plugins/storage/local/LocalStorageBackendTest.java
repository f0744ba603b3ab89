package io.lathe.plugins.storage.local;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lathe.plugin.api.PluginException;
import io.lathe.plugin.api.storage.StoredObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStorageBackendTest {

    @TempDir
    Path tempDir;

    private Path root;
    private Path outside;
    private LocalStorageBackend backend;

    @BeforeEach
    void createBackend() throws IOException {
        root = Files.createDirectories(tempDir.resolve("root")).toRealPath();
        outside = Files.createDirectories(tempDir.resolve("outside")).toRealPath();
        backend = new LocalStorageBackend(new RootFolder(root));
    }

    @Test
    void anObjectIsAFileAtItsKeyUnderTheRoot() throws IOException {
        put("projects/7/model.pkl", "weights");

        assertEquals("weights", Files.readString(root.resolve("projects/7/model.pkl")));
    }

    @Test
    void aPutLeavesNoTemporaryFileBehind() throws IOException {
        put("a/b/c.txt", "x");
        put("a/b/c.txt", "y");

        assertEquals(List.of(root.resolve("a/b/c.txt")), filesUnderRoot());
    }

    @Test
    void aLengthMismatchStoresNothingAndKeepsTheOldContent() throws IOException {
        put("sized", "old");

        PluginException thrown = assertThrows(PluginException.class,
                () -> backend.put("sized", new ByteArrayInputStream("new content".getBytes(UTF_8)), 3));

        assertEquals("length-mismatch", thrown.code());
        assertEquals("old", Files.readString(root.resolve("sized")));
        assertEquals(List.of(root.resolve("sized")), filesUnderRoot());
    }

    @Test
    void aFailingContentStreamStoresNothing() throws IOException {
        InputStream failing = new SequenceInputStream(new ByteArrayInputStream(new byte[100]), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("client went away");
            }
        });

        PluginException thrown = assertThrows(PluginException.class, () -> backend.put("upload", failing, -1));

        assertEquals("content-unreadable", thrown.code());
        assertEquals(Optional.empty(), backend.stat("upload"));
        assertEquals(List.of(), filesUnderRoot());
    }

    @Test
    void leftoverUploadsAreHiddenFromListing() throws IOException {
        put("folder/kept", "x");
        Files.writeString(root.resolve("folder/" + RootFolder.TEMPORARY_PREFIX + "crashed.tmp"), "partial");

        assertEquals(List.of("folder/kept"), listKeys(""));
    }

    @Test
    void keysUsingTheReservedUploadNameAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> put("a/" + RootFolder.TEMPORARY_PREFIX + "x", "y"));
    }

    @Test
    void deleteRemovesFoldersLeftEmptyButKeepsTheRoot() throws IOException {
        put("deep/er/est/object", "x");
        put("deep/sibling", "y");

        backend.delete("deep/er/est/object");

        assertFalse(Files.exists(root.resolve("deep/er")), "empty folders were left behind");
        assertTrue(Files.isRegularFile(root.resolve("deep/sibling")));

        backend.delete("deep/sibling");

        assertTrue(Files.isDirectory(root));
        try (Stream<Path> left = Files.list(root)) {
            assertEquals(0, left.count());
        }
    }

    @Test
    void aKeyCannotBeAnObjectAndAFolderAtOnce() {
        put("node/child", "x");
        put("leaf", "y");

        assertEquals("key-conflict", assertThrows(PluginException.class, () -> put("node", "z")).code());
        assertEquals("key-conflict", assertThrows(PluginException.class, () -> put("leaf/child", "z")).code());
        assertEquals("key-conflict", assertThrows(PluginException.class, () -> put("leaf/a/b", "z")).code());
    }

    @Test
    void aFolderIsNoObject() {
        put("node/child", "x");

        assertEquals(Optional.empty(), backend.stat("node"));
        assertEquals("object-not-found", assertThrows(PluginException.class, () -> backend.open("node", 0)).code());
        backend.delete("node");
        assertEquals(List.of("node/child"), listKeys(""));
    }

    @Test
    void keysBelowAnObjectAreMissing() {
        put("leaf", "y");

        assertEquals(Optional.empty(), backend.stat("leaf/child"));
        assertEquals("object-not-found",
                assertThrows(PluginException.class, () -> backend.open("leaf/child", 0)).code());
        backend.delete("leaf/child");
        assertEquals(List.of(), listKeys("leaf/"));
    }

    @Test
    void aNegativeOffsetIsRefused() {
        put("x", "y");

        assertThrows(IllegalArgumentException.class, () -> backend.open("x", -1));
    }

    @Test
    void anOffsetBeyondTheEndGivesNothing() throws IOException {
        put("short", "abc");

        try (InputStream in = backend.open("short", 100)) {
            assertEquals(-1, in.read());
        }
    }

    @Test
    void aLinkToAFileOutsideTheRootIsRefused() throws IOException {
        Files.writeString(outside.resolve("secret"), "do not read");
        Files.createSymbolicLink(root.resolve("link"), outside.resolve("secret"));

        assertEquals("access-denied", assertThrows(PluginException.class, () -> backend.open("link", 0)).code());
        assertEquals("access-denied", assertThrows(PluginException.class, () -> backend.stat("link")).code());
        assertEquals("access-denied", assertThrows(PluginException.class, () -> put("link", "overwrite")).code());
        assertEquals(List.of(), listKeys(""));
        assertEquals("do not read", Files.readString(outside.resolve("secret")));
    }

    @Test
    void aLinkToAFolderOutsideTheRootIsRefused() throws IOException {
        Files.writeString(outside.resolve("secret"), "do not read");
        Files.createSymbolicLink(root.resolve("escape"), outside);

        assertEquals("access-denied",
                assertThrows(PluginException.class, () -> backend.open("escape/secret", 0)).code());
        assertEquals("access-denied", assertThrows(PluginException.class, () -> put("escape/new", "x")).code());
        assertEquals("access-denied",
                assertThrows(PluginException.class, () -> backend.delete("escape/secret")).code());
        assertEquals("access-denied",
                assertThrows(PluginException.class, () -> backend.list("escape/", o -> { })).code());
        assertEquals(List.of(), listKeys(""));
        assertTrue(Files.exists(outside.resolve("secret")));
        assertFalse(Files.exists(outside.resolve("new")));
    }

    @Test
    void aLinkInsideTheRootIsFollowed() throws IOException {
        put("real/file", "content");
        Files.createSymbolicLink(root.resolve("alias"), root.resolve("real/file"));

        try (InputStream in = backend.open("alias", 0)) {
            assertEquals("content", new String(in.readAllBytes(), UTF_8));
        }
        assertEquals(List.of("alias", "real/file"), listKeys(""));
    }

    @Test
    void listSkipsNamesThatAreNoValidKey() throws IOException {
        put("ok", "x");
        Files.writeString(root.resolve("back\\slash"), "y");

        assertEquals(List.of("ok"), listKeys(""));
    }

    @Test
    void listRefusesAnAbsolutePrefix() {
        assertThrows(IllegalArgumentException.class, () -> backend.list("/etc", o -> { }));
        assertThrows(IllegalArgumentException.class, () -> backend.list("a/../b", o -> { }));
    }

    @Test
    void putDescribesWhatItStored() throws IOException {
        StoredObject stored = backend.put("described", new ByteArrayInputStream(new byte[1234]), -1);

        assertEquals(new StoredObject("described", 1234,
                Files.getLastModifiedTime(root.resolve("described")).toInstant()), stored);
    }

    private void put(String key, String text) {
        byte[] content = text.getBytes(UTF_8);
        backend.put(key, new ByteArrayInputStream(content), content.length);
    }

    private List<String> listKeys(String prefix) {
        List<String> keys = new ArrayList<>();
        backend.list(prefix, object -> keys.add(object.key()));
        return keys;
    }

    private List<Path> filesUnderRoot() throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
