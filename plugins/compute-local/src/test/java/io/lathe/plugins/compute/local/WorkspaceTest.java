package io.lathe.plugins.compute.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lathe.plugin.api.compute.InMemoryJobFiles;
import io.lathe.plugin.api.compute.InputFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceTest {

    @TempDir
    Path folder;

    @Test
    void createLaysOutTheContractsFoldersAndClearsLeftovers() throws IOException {
        Workspace workspace = new Workspace(folder.resolve("job"));
        Files.createDirectories(workspace.outputs());
        Files.writeString(workspace.outputs().resolve("stale.txt"), "from an earlier run");

        workspace.create();

        for (Path path : List.of(workspace.repository(), workspace.inputs(), workspace.outputs(), workspace.config())) {
            assertTrue(Files.isDirectory(path), path.toString());
        }
        assertEquals(List.of(), workspace.outputFiles());
    }

    @Test
    void inputsAndConfigFilesMustHavePlainNames() throws IOException {
        Workspace workspace = new Workspace(folder.resolve("job"));
        workspace.create();
        InputFile escaping = InMemoryJobFiles.builder().input("..", "passwd", "x").build().inputs().get(0);
        InputFile nested = InMemoryJobFiles.builder().input("data", "a/b.csv", "x").build().inputs().get(0);

        assertThrows(IOException.class, () -> workspace.copyInput(escaping));
        assertThrows(IOException.class, () -> workspace.copyInput(nested));
        assertThrows(IOException.class, () -> workspace.writeConfig(Map.of("../evil.json", "{}")));
    }

    @Test
    void outputFilesSkipLinksToFilesAndFolders() throws IOException {
        Workspace workspace = new Workspace(folder.resolve("job"));
        workspace.create();
        Path outside = Files.createDirectories(folder.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "secret");
        Files.writeString(workspace.outputs().resolve("real.txt"), "real");
        Files.createSymbolicLink(workspace.outputs().resolve("file-link"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(workspace.outputs().resolve("folder-link"), outside);

        assertEquals(List.of("real.txt"),
                workspace.outputFiles().stream().map(Workspace.Output::relativePath).toList());
    }

    @Test
    void deleteRemovesLinksWithoutFollowingThemAndCopesWithReadOnlyFolders() throws IOException {
        Workspace workspace = new Workspace(folder.resolve("job"));
        workspace.create();
        Path outside = Files.createDirectories(folder.resolve("outside"));
        Files.writeString(outside.resolve("keep.txt"), "keep");
        Files.createSymbolicLink(workspace.outputs().resolve("link"), outside);
        Path locked = Files.createDirectories(workspace.outputs().resolve("locked"));
        Files.writeString(locked.resolve("file.txt"), "x");
        locked.toFile().setWritable(false, false);

        workspace.delete();

        assertFalse(Files.exists(workspace.root()));
        assertEquals("keep", Files.readString(outside.resolve("keep.txt")));
    }

    @Test
    void plainNamesAreSingleFileNames() {
        assertTrue(Workspace.isPlainName("0190a1b2-c3d4"));
        assertTrue(Workspace.isPlainName("data.csv"));
        for (String name : List.of("", ".", "..", "a/b", "/abs", "nul\0")) {
            assertFalse(Workspace.isPlainName(name), name);
        }
    }
}
