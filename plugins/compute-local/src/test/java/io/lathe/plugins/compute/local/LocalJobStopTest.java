package io.lathe.plugins.compute.local;

import static io.lathe.plugin.api.compute.ComputeEnvironmentContract.assertProcessEnds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lathe.plugin.api.compute.InMemoryJobFiles;
import io.lathe.plugin.api.compute.InputFile;
import io.lathe.plugin.api.compute.JobFiles;
import io.lathe.plugin.api.compute.JobOutcome;
import io.lathe.plugin.api.compute.JobOutcome.Status;
import io.lathe.plugin.api.compute.JobSpec;
import io.lathe.plugin.api.compute.JobState;
import io.lathe.plugin.api.compute.LogStream;
import io.lathe.plugin.api.compute.RecordingJobListener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LocalJobStopTest extends LocalJobTestSupport {

    @Test
    void stopEndsEveryProcessOfTheTree() throws Exception {
        RecordingJobListener listener = new RecordingJobListener();
        String handle = environment.launch(spec(InMemoryJobFiles.empty(),
                "sh -c 'sleep 1000 & echo \"pid $!\"; sh -c \"sleep 1000 & echo pid \\$!; wait\" & wait' & wait"),
                listener);
        awaitPids(listener, 2);

        environment.stop(handle);
        JobOutcome outcome = listener.awaitFinished(PATIENCE);

        assertEquals(new JobOutcome(Status.STOPPED, OptionalInt.empty(), "stopped by request"), outcome);
        for (long pid : pids(listener)) {
            assertProcessEnds(pid);
        }
    }

    @Test
    void processesThatIgnoreSigtermAreKilledAfterTheGracePeriod() throws Exception {
        RecordingJobListener listener = new RecordingJobListener();
        String handle = environment.launch(spec(InMemoryJobFiles.empty(),
                "trap '' TERM; sleep 1000 & echo \"pid $!\"; wait"), listener);
        awaitPids(listener, 1);

        long start = System.nanoTime();
        environment.stop(handle);
        listener.awaitFinished(PATIENCE);

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(Duration.ofMillis(900)) >= 0, "SIGKILL came before the grace period: " + took);
        assertTrue(took.compareTo(Duration.ofSeconds(8)) < 0, "stopping took " + took);
        assertProcessEnds(pids(listener).get(0));
    }

    @Test
    void aProcessThatLeftTheGroupIsStillStopped() throws Exception {
        RecordingJobListener listener = new RecordingJobListener();
        String handle = environment.launch(spec(InMemoryJobFiles.empty(),
                "setsid sleep 1000 & echo \"pid $!\"; wait"), listener);
        awaitPids(listener, 1);

        environment.stop(handle);
        listener.awaitFinished(PATIENCE);

        assertProcessEnds(pids(listener).get(0));
    }

    @Test
    void processesLeftBehindByAFinishedJobEndWithIt() throws Exception {
        long start = System.nanoTime();
        RecordingJobListener listener = run(spec(InMemoryJobFiles.empty(),
                "sleep 1000 & echo \"pid $!\"", "echo main done"));

        assertEquals(Status.COMPLETE, listener.outcome().orElseThrow().status());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(5)) < 0);
        assertProcessEnds(pids(listener).get(0));
    }

    @Test
    void theTimeLimitMessageNamesTheLimit() throws Exception {
        RecordingJobListener listener = run(spec(InMemoryJobFiles.empty(),
                Optional.of(Duration.ofMillis(300)), "sleep 30"));

        assertEquals(new JobOutcome(Status.STOPPED, OptionalInt.empty(), "time limit of 300 ms exceeded"),
                listener.outcome().orElseThrow());
    }

    @Test
    void aStopWhileTheWorkspaceIsLaidOutEndsTheJobBeforeItStarts() throws Exception {
        CountDownLatch extracting = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        JobFiles slowCode = new JobFilesWithSlowCode(extracting, release);
        RecordingJobListener listener = new RecordingJobListener();
        String handle = environment.launch(spec(slowCode, "echo should not run"), listener);
        assertTrue(extracting.await(5, TimeUnit.SECONDS));

        environment.stop(handle);
        release.countDown();
        JobOutcome outcome = listener.awaitFinished(PATIENCE);

        assertEquals(Status.STOPPED, outcome.status());
        assertFalse(listener.hasStarted());
        assertEquals(List.of(), listener.lines(LogStream.STDOUT));
    }

    @Test
    void closingTheEnvironmentStopsItsJobs() throws Exception {
        RecordingJobListener listener = new RecordingJobListener();
        JobSpec spec = spec(InMemoryJobFiles.empty(), "echo up; sleep 1000");
        String handle = environment.launch(spec, listener);
        listener.awaitLine(LogStream.STDOUT, "up", PATIENCE);

        environment.close();

        JobOutcome outcome = listener.outcome().orElseThrow(() -> new AssertionError("close() returned first"));
        assertEquals(Status.STOPPED, outcome.status());
        assertEquals(JobState.FINISHED, environment.state(handle));
    }

    @Test
    void jobsOfAnEnvironmentNeverClosedEndWhenTheServerExits() throws Exception {
        RecordingJobListener listener = new RecordingJobListener();
        environment.launch(spec(InMemoryJobFiles.empty(), "sleep 1000 & echo \"pid $!\"; wait"), listener);
        awaitPids(listener, 1);

        ((LocalComputeEnvironment) environment).endJobsOnExit();

        assertProcessEnds(pids(listener).get(0));
        assertEquals("stopped because the server shut down", listener.awaitFinished(PATIENCE).message());
    }

    private static void awaitPids(RecordingJobListener listener, int count) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (pids(listener).size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the job printed " + listener.lines(LogStream.STDOUT));
            }
            Thread.sleep(10);
        }
    }

    private static List<Long> pids(RecordingJobListener listener) {
        return listener.lines(LogStream.STDOUT).stream()
                .filter(line -> line.startsWith("pid "))
                .map(line -> Long.parseLong(line.substring(4).trim()))
                .toList();
    }

    /** Code that takes until the test releases it, so that a stop can arrive while the workspace is laid out. */
    private record JobFilesWithSlowCode(CountDownLatch extracting, CountDownLatch release) implements JobFiles {
        @Override
        public void extractCode(Path directory) {
            extracting.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public List<InputFile> inputs() {
            return List.of();
        }

        @Override
        public Map<String, String> configFiles(String inputsDirectory) {
            return Map.of();
        }
    }
}
