package io.lathe.plugin.api.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lathe.plugin.api.compute.JobOutcome.Status;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class RecordingJobListenerTest {

    private static final JobOutcome DONE = new JobOutcome(Status.COMPLETE, OptionalInt.of(0), "");

    @Test
    void keepsLinesPerStreamAndOutputsInOrder() throws Exception {
        RecordingJobListener listener = new RecordingJobListener();
        listener.started();
        listener.log(LogStream.STDOUT, "a");
        listener.log(LogStream.STDERR, "b");
        listener.log(LogStream.STDOUT, "c");
        listener.output("x/y.txt", new ByteArrayInputStream("hi".getBytes(StandardCharsets.UTF_8)));
        listener.finished(DONE);

        assertEquals(List.of("a", "c"), listener.lines(LogStream.STDOUT));
        assertEquals(List.of("b"), listener.lines(LogStream.STDERR));
        assertEquals(Optional.of("hi"), listener.outputText("x/y.txt"));
        assertEquals(DONE, listener.awaitFinished(Duration.ofMillis(10)));
        assertEquals(List.of(), listener.protocolViolations());
    }

    @Test
    void reportsCallsOutOfOrder() {
        RecordingJobListener listener = new RecordingJobListener();
        listener.log(LogStream.STDOUT, "early");
        listener.started();
        listener.finished(DONE);
        listener.finished(DONE);
        listener.log(LogStream.STDOUT, "late");
        listener.output("/absolute", new ByteArrayInputStream(new byte[0]));

        List<String> violations = listener.protocolViolations();
        assertEquals(5, violations.size(), violations::toString);
        assertTrue(violations.get(0).startsWith("started() after log()"), violations::toString);
    }

    @Test
    void awaitingAJobThatDoesNotFinishFailsWithWhatItPrinted() {
        RecordingJobListener listener = new RecordingJobListener();
        listener.log(LogStream.STDOUT, "still going");

        AssertionError error = assertThrows(AssertionError.class,
                () -> listener.awaitFinished(Duration.ofMillis(20)));
        assertTrue(error.getMessage().contains("still going"), error.getMessage());
    }

    @Test
    void awaitingALineTheFinishedJobNeverPrintedFailsAtOnce() {
        RecordingJobListener listener = new RecordingJobListener();
        listener.finished(DONE);

        assertThrows(AssertionError.class,
                () -> listener.awaitLine(LogStream.STDOUT, "never", Duration.ofSeconds(30)));
    }
}
