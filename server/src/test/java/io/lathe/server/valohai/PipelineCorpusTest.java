package io.lathe.server.valohai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the corpus under {@code valohai-yaml/pipelines/}: every file in {@code invalid/} starts with
 * {@code # error: <part of the message>} and marks the line the error must name with {@code # <-}; every file in
 * {@code valid/} parses, and has either {@code # no warnings} or {@code # warning: <part>} with its line marked the
 * same way.
 */
class PipelineCorpusTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidFiles")
    void invalidFileIsRefusedWithItsLine(String name, Path file) throws IOException {
        String text = Files.readString(file);
        Expectation expected = Expectation.of(text, "# error: ");

        ValohaiConfigException e = assertThrows(ValohaiConfigException.class, () -> parse(text), name);

        List<ConfigProblem> matching = e.errors().stream()
                .filter(error -> error.problem().contains(expected.fragment())).toList();
        assertEquals(1, matching.size(), "one error containing '" + expected.fragment() + "'; got " + e.errors());
        assertEquals(expected.line(), matching.get(0).line(), matching.get(0).message());
        assertEquals(List.of(matching.get(0)), e.errors(), "the file has that error and no other");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validFiles")
    void validFileIsReadWithItsWarnings(String name, Path file) throws Exception {
        String text = Files.readString(file);

        ValohaiConfig config = parse(text);

        if (text.startsWith("# no warnings")) {
            assertEquals(List.of(), config.warnings(), name);
            return;
        }
        Expectation expected = Expectation.of(text, "# warning: ");
        assertEquals(1, config.warnings().size(), config.warnings().toString());
        ConfigProblem warning = config.warnings().get(0);
        assertTrue(warning.problem().contains(expected.fragment()), warning.message());
        assertEquals(expected.line(), warning.line(), warning.message());
    }

    static Stream<Object[]> invalidFiles() throws IOException, URISyntaxException {
        return files("invalid");
    }

    static Stream<Object[]> validFiles() throws IOException, URISyntaxException {
        return files("valid");
    }

    private static Stream<Object[]> files(String folder) throws IOException, URISyntaxException {
        Path directory = Path.of(PipelineCorpusTest.class.getResource("/valohai-yaml/pipelines/" + folder).toURI());
        try (Stream<Path> listing = Files.list(directory)) {
            List<Path> files = listing.filter(path -> path.toString().endsWith(".yaml")).sorted().toList();
            assertTrue(files.size() > 3, "the corpus folder " + folder + " has files");
            return files.stream().map(path -> new Object[] {path.getFileName().toString(), path});
        }
    }

    private static ValohaiConfig parse(String text) throws ValohaiConfigException {
        return ValohaiConfigParser.parse("valohai.yaml", new StringReader(text));
    }

    /** The message part from the header, and the 1-based line marked with {@code # <-}. */
    private record Expectation(String fragment, int line) {

        static Expectation of(String text, String header) {
            List<String> lines = text.lines().toList();
            assertTrue(lines.get(0).startsWith(header), "the file starts with '" + header + "'");
            int marked = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).endsWith("# <-")) {
                    assertEquals(-1, marked, "one line is marked with # <-");
                    marked = i + 1;
                }
            }
            assertTrue(marked > 0, "a line is marked with # <-");
            return new Expectation(lines.get(0).substring(header.length()), marked);
        }
    }
}
