package io.lathe.plugins.compute.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lathe.plugin.api.PluginException;
import io.lathe.plugin.api.compute.InMemoryJobFiles;
import io.lathe.plugin.api.compute.JobOutcome;
import io.lathe.plugin.api.compute.JobOutcome.Status;
import io.lathe.plugin.api.compute.JobSpec;
import io.lathe.plugin.api.compute.JobState;
import io.lathe.plugin.api.compute.LogStream;
import io.lathe.plugin.api.compute.RecordingJobListener;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class LocalComputeEnvironmentTest extends LocalJobTestSupport {

    @Test
    void theHandleIsTheExecutionId() throws Exception {
        JobSpec spec = spec(InMemoryJobFiles.empty(), "true");
        RecordingJobListener listener = new RecordingJobListener();

        assertEquals(spec.executionId(), environment.launch(spec, listener));
        listener.awaitFinished(PATIENCE);
    }

    @Test
    void aFailingCommandReportsItsExitCodeInTheMessage() throws Exception {
        RecordingJobListener listener = run(spec(InMemoryJobFiles.empty(), "exit 7"));

        assertEquals(new JobOutcome(Status.ERROR, OptionalInt.of(7), "command exited with code 7"),
                listener.outcome().orElseThrow());
    }

    @Test
    void anExecutionIdThatIsNoPlainNameIsRefused() {
        for (String id : List.of("../escape", "a/b", ".", "..", "")) {
            JobSpec spec = new JobSpec(id, "exec-x", "", List.of("true"), Map.of(), Optional.empty(),
                    InMemoryJobFiles.empty());
            PluginException e = assertThrows(PluginException.class,
                    () -> environment.launch(spec, new RecordingJobListener()), id);
            assertEquals("invalid-execution-id", e.code());
        }
    }

    @Test
    void anExecutionThatIsStillRunningCannotBeLaunchedTwice() throws Exception {
        JobSpec spec = spec(InMemoryJobFiles.empty(), "echo up; sleep 1000");
        RecordingJobListener first = new RecordingJobListener();
        environment.launch(spec, first);
        first.awaitLine(LogStream.STDOUT, "up", PATIENCE);

        PluginException e = assertThrows(PluginException.class,
                () -> environment.launch(spec, new RecordingJobListener()));

        assertEquals("job-already-running", e.code());
        environment.stop(spec.executionId());
        first.awaitFinished(PATIENCE);
    }

    @Test
    void aFinishedExecutionMayBeLaunchedAgain() throws Exception {
        JobSpec spec = spec(InMemoryJobFiles.empty(), "echo run");
        run(spec);

        RecordingJobListener again = run(spec);

        assertEquals(List.of("run"), again.lines(LogStream.STDOUT));
    }

    @Test
    void nothingIsLaunchedAfterClose() {
        environment.close();

        PluginException e = assertThrows(PluginException.class,
                () -> environment.launch(spec(InMemoryJobFiles.empty(), "true"), new RecordingJobListener()));
        assertEquals("environment-closed", e.code());
    }

    @Test
    void aListenerThatThrowsStillHearsTheJobFinish() throws Exception {
        RecordingJobListener listener = run(spec(InMemoryJobFiles.empty(),
                "echo one; echo two", "echo out > \"$VH_OUTPUTS_DIR/a.txt\"; echo out > \"$VH_OUTPUTS_DIR/b.txt\""),
                new ThrowingListener());

        assertEquals(Status.COMPLETE, listener.outcome().orElseThrow().status());
        assertEquals(List.of("one", "two"), listener.lines(LogStream.STDOUT));
        assertEquals(List.of("a.txt", "b.txt"), listener.outputPaths());
        List<String> logged = context.loggedMessages();
        assertTrue(logged.stream().anyMatch(m -> m.contains("started()")), logged::toString);
        assertEquals(1, logged.stream().filter(m -> m.contains("threw from log()")).count(), logged::toString);
        assertEquals(2, logged.stream().filter(m -> m.contains("threw from output()")).count(), logged::toString);
    }

    @Test
    void aListenerThatThrowsFromFinishedIsLogged() throws Exception {
        RecordingJobListener listener = new RecordingJobListener() {
            @Override
            public void finished(JobOutcome outcome) {
                super.finished(outcome);
                throw new IllegalStateException("database down");
            }
        };
        String handle = environment.launch(spec(InMemoryJobFiles.empty(), "true"), listener);
        listener.awaitFinished(PATIENCE);

        assertEquals(JobState.FINISHED, environment.state(handle));
        // The listener throws after it recorded the outcome, so the log line may come a moment later.
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (context.loggedMessages().stream().noneMatch(m -> m.contains("threw from finished(COMPLETE)"))) {
            assertTrue(System.nanoTime() < deadline, context.loggedMessages()::toString);
            Thread.sleep(10);
        }
    }

    /** Records every call, then throws from each but finished(). */
    private static final class ThrowingListener extends RecordingJobListener {
        @Override
        public void started() {
            super.started();
            throw new IllegalStateException("started failed");
        }

        @Override
        public void log(LogStream stream, String line) {
            super.log(stream, line);
            throw new IllegalStateException("log failed");
        }

        @Override
        public void output(String relativePath, InputStream content) {
            super.output(relativePath, content);
            throw new IllegalStateException("output failed");
        }
    }
}
