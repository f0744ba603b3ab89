package io.lathe.plugins.compute.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lathe.plugin.api.compute.InMemoryJobFiles;
import io.lathe.plugin.api.compute.JobOutcome;
import io.lathe.plugin.api.compute.JobOutcome.Status;
import io.lathe.plugin.api.compute.LogStream;
import io.lathe.plugin.api.compute.RecordingJobListener;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LocalJobOutputTest extends LocalJobTestSupport {

    @Test
    void aHundredThousandLinesAllArriveInOrder() throws Exception {
        RecordingJobListener listener = run(spec(InMemoryJobFiles.empty(), "seq 1 100000"));

        List<String> expected = IntStream.rangeClosed(1, 100_000).mapToObj(Integer::toString).toList();
        assertEquals(expected, listener.lines(LogStream.STDOUT));
        assertEquals(new JobOutcome(Status.COMPLETE, OptionalInt.of(0), ""), listener.outcome().orElseThrow());
    }

    @Test
    void bothStreamsPrintingAtOnceKeepTheirOwnOrder() throws Exception {
        RecordingJobListener listener = run(spec(InMemoryJobFiles.empty(),
                "seq 1 20000 | sed 's/^/err /' >&2 & seq 1 20000 | sed 's/^/out /'; wait"));

        assertEquals(numbered("out ", 20_000), listener.lines(LogStream.STDOUT));
        assertEquals(numbered("err ", 20_000), listener.lines(LogStream.STDERR));
    }

    @Test
    void aVeryLongLineArrivesWhole() throws Exception {
        RecordingJobListener listener = run(spec(InMemoryJobFiles.empty(),
                "head -c 3000000 /dev/zero | tr '\\0' x; echo; echo next"));

        List<String> lines = listener.lines(LogStream.STDOUT);
        assertEquals(2, lines.size());
        assertEquals("x".repeat(3_000_000), lines.get(0));
        assertEquals("next", lines.get(1));
    }

    @Test
    void linesAreDecodedAsUtf8WithoutTheirTerminators() throws Exception {
        RecordingJobListener listener = run(spec(InMemoryJobFiles.empty(),
                "printf 'p\\303\\244iv\\303\\244\\r\\n\\n\\342\\202\\254 and tabs\\there\\nno end'"));

        assertEquals(List.of("päivä", "", "€ and tabs\there", "no end"), listener.lines(LogStream.STDOUT));
    }

    @Test
    void aJobReadingStandardInputGetsNothingInsteadOfWaiting() throws Exception {
        RecordingJobListener listener = run(spec(InMemoryJobFiles.empty(), "cat", "echo after cat"));

        assertEquals(List.of("after cat"), listener.lines(LogStream.STDOUT));
    }

    private static List<String> numbered(String prefix, int count) {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            lines.add(prefix + i);
        }
        return lines;
    }
}
