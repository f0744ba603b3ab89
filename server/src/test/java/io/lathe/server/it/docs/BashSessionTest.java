package io.lathe.server.it.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BashSessionTest {

    @TempDir
    Path scratch;

    private final BashSession bash = new BashSession(Path.of("."), Map.of("GREETING", "hello"), Duration.ofSeconds(30));

    @Test
    void blocksShareOneSessionAndEachOutputIsKeptApart() throws Exception {
        List<BashSession.BlockRun> runs = bash.run(List.of(block(1, "NAME=world"), block(5, "echo \"$GREETING $NAME\""),
                block(9, "echo to stderr >&2; echo done")), scratch);
        assertEquals(List.of(BashSession.Outcome.COMPLETED, BashSession.Outcome.COMPLETED,
                BashSession.Outcome.COMPLETED), runs.stream().map(BashSession.BlockRun::outcome).toList());
        assertEquals("", runs.get(0).printed());
        assertEquals("hello world\n", runs.get(1).printed());
        assertEquals("to stderr\ndone\n", runs.get(2).printed());
    }

    @Test
    void theSessionStopsAtTheFirstFailingCommandAndSaysWhichItWas() throws Exception {
        List<BashSession.BlockRun> runs = bash.run(List.of(block(1, "echo fine"),
                block(5, "X=$(false | cat)\necho \"not reached $X\""), block(9, "echo not run")), scratch);
        assertEquals(BashSession.Outcome.COMPLETED, runs.get(0).outcome());
        assertEquals(BashSession.Outcome.FAILED, runs.get(1).outcome());
        assertEquals(1, runs.get(1).exitStatus());
        assertTrue(runs.get(1).printed().contains("docs-runner: exit status 1 from:"), runs.get(1).printed());
        assertEquals(BashSession.Outcome.NOT_RUN, runs.get(2).outcome());

        List<String> drift = Drift.of("GUIDE.md", runs);
        assertEquals(1, drift.size(), drift.toString());
        assertTrue(drift.get(0).startsWith("GUIDE.md line 5: the block failed (exit status 1)\n    X=$(false | cat)"),
                drift.get(0));
    }

    @Test
    void aBlockThatDoesNotEndIsKilledAndReported() throws Exception {
        BashSession impatient = new BashSession(Path.of("."), Map.of(), Duration.ofSeconds(2));
        List<BashSession.BlockRun> runs = impatient.run(List.of(block(3, "echo started; sleep 60")), scratch);
        assertEquals(BashSession.Outcome.TIMED_OUT, runs.get(0).outcome());
        assertEquals("started\n", runs.get(0).printed());
        assertTrue(Drift.of("README.md", runs).get(0).startsWith("README.md line 3: the block did not end in time"));
    }

    @Test
    void anOutputThatDriftedIsReportedWithTheCommandAndTheDifference() throws Exception {
        DocBlock block = new DocBlock(7, "echo '{\"counter\":6}'", Optional.of("{\"counter\":3}"));
        List<String> drift = Drift.of("README.md", bash.run(List.of(block, block(9, "echo same")), scratch));
        assertEquals(1, drift.size(), drift.toString());
        assertTrue(drift.get(0).startsWith("README.md line 7: the output differs from the one shown\n"
                + "    echo '{\"counter\":6}'\nfirst difference at line 1"), drift.get(0));
    }

    private static DocBlock block(int line, String command) {
        return new DocBlock(line, command, Optional.empty());
    }
}
