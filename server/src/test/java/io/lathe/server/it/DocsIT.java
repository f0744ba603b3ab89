package io.lathe.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lathe.server.it.docs.BashSession;
import io.lathe.server.it.docs.DocBlock;
import io.lathe.server.it.docs.Drift;
import io.lathe.server.it.docs.MarkdownBlocks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The documentation is tested: every command block of the README and of the user guide runs, in order and in one
 * bash session per document, against a fresh server (the README's walk-through assumes one), and each output the
 * documents show must match what was printed (see {@link io.lathe.server.it.docs.ShownOutput} for what may differ).
 * The README then runs a second time on the same server, as a reader trying it again would.
 */
class DocsIT {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    // Generous: the walk-through runs executions and the user guide a task, on a machine that may be busy.
    private static final Duration TIME_LIMIT_PER_DOCUMENT = Duration.ofMinutes(10);

    @Test
    void theReadmeAndTheUserGuideRunAsWrittenAndTheReadmeRunsTwice() throws Exception {
        assertToolsInstalled();
        Path scratch = Files.createTempDirectory("lathe-docs-");
        Path home = scratch.resolve("home");
        try (LatheServer server = new LatheServer(home, Map.of()).start()) {
            // What the README tells a reader who started the server with other settings to set in their terminal.
            BashSession bash = new BashSession(REPOSITORY, Map.of("LATHE_HOME", home.toString(),
                    "LATHE_PORT", Integer.toString(server.uri("/").getPort())), TIME_LIMIT_PER_DOCUMENT);
            List<String> drift = new ArrayList<>();
            drift.addAll(check(bash, "README.md", "README.md", scratch.resolve("readme")));
            drift.addAll(check(bash, "docs/user-guide.md", "docs/user-guide.md", scratch.resolve("user-guide")));
            drift.addAll(check(bash, "README.md", "README.md (run again)", scratch.resolve("readme-again")));
            assertTrue(drift.isEmpty(), drift.size() + " documented commands drifted from the server's behaviour"
                    + " (each block's output is in " + scratch + "):\n\n" + String.join("\n", drift));
        }
        // Kept when the test fails, to read what each block printed and the server's log.
        deleteRecursively(scratch);
    }

    private static void assertToolsInstalled() throws Exception {
        for (String tool : List.of("curl", "jq", "python3")) {
            Process which = new ProcessBuilder("bash", "-c", "command -v " + tool).start();
            assertEquals(0, which.waitFor(), "the documentation's commands need " + tool
                    + " on the PATH (Debian: apt-get install " + tool + ")");
        }
    }

    private static void deleteRecursively(Path folder) throws Exception {
        try (var paths = Files.walk(folder)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static List<String> check(BashSession bash, String document, String name, Path scratch) throws Exception {
        List<DocBlock> blocks = MarkdownBlocks.extract(Files.readString(REPOSITORY.resolve(document)));
        // A document whose blocks the runner no longer finds would pass without testing anything.
        assertTrue(blocks.stream().anyMatch(block -> block.shownOutput().isPresent()),
                document + " has no command block with a shown output: " + blocks);
        List<BashSession.BlockRun> runs = bash.run(blocks, scratch);
        assertEquals(blocks.size(), runs.size());
        return Drift.of(name, runs);
    }
}
