package io.lathe.plugin.api.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InMemoryJobFilesTest {

    @TempDir
    Path folder;

    @Test
    void extractsCodeIntoNestedFolders() throws IOException {
        InMemoryJobFiles.builder().code("a.txt", "A").code("src/b/c.txt", "C").build().extractCode(folder);

        assertEquals("A", Files.readString(folder.resolve("a.txt")));
        assertEquals("C", Files.readString(folder.resolve("src/b/c.txt")));
    }

    @Test
    void refusesCodePathsThatLeaveTheFolder() {
        InMemoryJobFiles.Builder builder = InMemoryJobFiles.builder();

        assertThrows(IllegalArgumentException.class, () -> builder.code("../escape.txt", "x"));
        assertThrows(IllegalArgumentException.class, () -> builder.code("/etc/passwd", "x"));
    }

    @Test
    void rendersParametersAndInputsAsTheServerDoes() throws IOException {
        InMemoryJobFiles files = InMemoryJobFiles.builder()
                .input("data", "a.csv", "abc")
                .parameter("name", "say \"hi\"")
                .parameter("flag", true)
                .parameter("sizes", List.of(1, 2))
                .configFile("execution.json", "{}")
                .build();

        Map<String, String> config = files.configFiles("/jobs/1/inputs");

        assertEquals(List.of("parameters.json", "inputs.json", "execution.json"), List.copyOf(config.keySet()));
        assertEquals("{\"name\": \"say \\\"hi\\\"\", \"flag\": true, \"sizes\": [1, 2]}", config.get("parameters.json"));
        assertEquals("{\"data\": {\"files\": [{\"name\": \"a.csv\", \"path\": \"/jobs/1/inputs/data/a.csv\", "
                + "\"size\": 3, \"checksums\": {\"sha256\": "
                + "\"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\"}}]}}", config.get("inputs.json"));
        assertEquals(Optional.of("/jobs/1/inputs"), files.inputsDirectorySeen());
        try (InputStream in = files.inputs().get(0).open()) {
            assertEquals("abc", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void plantedFaultsSurfaceWhereAnEnvironmentMeetsThem() {
        InMemoryJobFiles files = InMemoryJobFiles.builder()
                .failingCode("no commit")
                .failingInput("data", "x.csv", "no store")
                .build();

        assertEquals("no commit", assertThrows(IllegalStateException.class, () -> files.extractCode(folder)).getMessage());
        assertEquals("no store", assertThrows(IOException.class, () -> files.inputs().get(0).open()).getMessage());
    }
}
