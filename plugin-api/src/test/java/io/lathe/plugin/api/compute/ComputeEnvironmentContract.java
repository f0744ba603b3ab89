package io.lathe.plugin.api.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lathe.plugin.api.compute.JobOutcome.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ComputeEnvironment} must do, as JUnit 5 tests. A compute plugin subclasses this in its own tests
 * and says how to make the environment under test:
 *
 * <pre>{@code
 * class LocalComputeContractTest extends ComputeEnvironmentContract {
 *     @TempDir Path work;
 *
 *     @Override
 *     protected ComputeEnvironment createEnvironment() {
 *         return new LocalComputeFactory().create(settings, new TestPluginContext(work));
 *     }
 * }
 * }</pre>
 *
 * <p>The jobs are POSIX shell commands using {@code echo}, {@code cat}, {@code sed}, {@code mkdir}, {@code sleep}
 * and {@code wait}; an environment that runs containers runs them in {@link #image()}. Each test gets a fresh
 * environment, closed after it.
 */
public abstract class ComputeEnvironmentContract {

    private ComputeEnvironment environment;

    /** Makes the environment under test; called before each test. The contract closes it after the test. */
    protected abstract ComputeEnvironment createEnvironment() throws Exception;

    /** The image the jobs name: one with a POSIX shell and the tools listed in the class comment. */
    protected String image() {
        return "busybox:1.36";
    }

    /** How long a job of a few seconds may take here from launch to {@code finished}. */
    protected Duration patience() {
        return Duration.ofSeconds(30);
    }

    /**
     * Whether jobs run as processes this JVM can see (same machine, same process namespace). When true, the stop
     * tests also check by process id that a job's child process is gone.
     */
    protected boolean runsOnThisMachine() {
        return false;
    }

    /** The environment under test. */
    protected final ComputeEnvironment environment() {
        return environment;
    }

    @BeforeEach
    final void createEnvironmentUnderTest() throws Exception {
        environment = createEnvironment();
        assertNotNull(environment, "createEnvironment() returned null");
    }

    @AfterEach
    final void closeEnvironmentUnderTest() {
        if (environment != null) {
            environment.close();
        }
    }

    /** A spec for {@code commands} with a fresh execution id, no time limit and {@code GREETING} set. */
    protected JobSpec spec(JobFiles files, String... commands) {
        return spec(files, Optional.empty(), commands);
    }

    /** A spec for {@code commands} with a fresh execution id, the time limit given and {@code GREETING} set. */
    protected JobSpec spec(JobFiles files, Optional<Duration> timeLimit, String... commands) {
        String executionId = UUID.randomUUID().toString();
        return new JobSpec(executionId, "exec-" + executionId, image(), List.of(commands),
                Map.of("GREETING", "hello from the spec"), timeLimit, files);
    }

    /** Launches {@code spec}, waits for it to finish and checks the listener calls kept their order. */
    protected RecordingJobListener run(JobSpec spec) throws InterruptedException {
        RecordingJobListener listener = new RecordingJobListener();
        environment.launch(spec, listener);
        listener.awaitFinished(patience());
        assertEquals(List.of(), listener.protocolViolations());
        return listener;
    }

    @Test
    void capacityIsAtLeastOne() {
        assertTrue(environment.capacity() >= 1, "capacity " + environment.capacity());
    }

    @Test
    void printedLinesArriveInOrderAndTheJobCompletes() throws Exception {
        RecordingJobListener listener = run(spec(InMemoryJobFiles.empty(),
                "i=1; while [ $i -le 500 ]; do echo \"line $i\"; i=$((i + 1)); done"));

        assertEquals(new JobOutcome(Status.COMPLETE, OptionalInt.of(0), ""), listener.outcome().orElseThrow());
        assertTrue(listener.hasStarted());
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 500; i++) {
            expected.add("line " + i);
        }
        assertEquals(expected, listener.lines(LogStream.STDOUT));
        assertEquals(List.of(), listener.lines(LogStream.STDERR));
    }

    @Test
    void standardErrorArrivesOnItsOwnStream() throws Exception {
        RecordingJobListener listener = run(spec(InMemoryJobFiles.empty(),
                "echo to-out; echo to-err >&2; echo again-out; echo again-err >&2"));

        assertEquals(List.of("to-out", "again-out"), listener.lines(LogStream.STDOUT));
        assertEquals(List.of("to-err", "again-err"), listener.lines(LogStream.STDERR));
    }

    @Test
    void aFailingCommandEndsInErrorWithItsExitCode() throws Exception {
        RecordingJobListener listener = run(spec(InMemoryJobFiles.empty(), "echo before", "exit 3"));

        JobOutcome outcome = listener.outcome().orElseThrow();
        assertEquals(Status.ERROR, outcome.status());
        assertEquals(OptionalInt.of(3), outcome.exitCode());
        assertFalse(outcome.message().isBlank(), "an error says why");
        assertEquals(List.of("before"), listener.lines(LogStream.STDOUT));
    }

    @Test
    void commandsAfterAFailedOneDoNotRun() throws Exception {
        RecordingJobListener listener = run(spec(InMemoryJobFiles.empty(),
                "echo first", "sh -c 'exit 4'", "echo second"));

        assertEquals(List.of("first"), listener.lines(LogStream.STDOUT));
        assertEquals(OptionalInt.of(4), listener.outcome().orElseThrow().exitCode());
    }

    @Test
    void theStateFollowsTheJob() throws Exception {
        RecordingJobListener listener = new RecordingJobListener();
        String handle = environment.launch(spec(InMemoryJobFiles.empty(), "echo up", "sleep 60"), listener);

        assertEquals(JobState.RUNNING, environment.state(handle), "launch returns while the job runs");
        listener.awaitLine(LogStream.STDOUT, "up", patience());
        assertEquals(JobState.RUNNING, environment.state(handle));
        environment.stop(handle);
        listener.awaitFinished(patience());
        assertEquals(JobState.FINISHED, environment.state(handle));
        assertEquals(JobState.UNKNOWN, environment.state("never-issued-" + UUID.randomUUID()));
    }

    @Test
    void stopEndsTheJobAsStoppedAndEndsWhatItStarted() throws Exception {
        RecordingJobListener listener = new RecordingJobListener();
        String handle = environment.launch(spec(InMemoryJobFiles.empty(),
                "sleep 1000 & echo \"child $!\"; echo so-far > \"$VH_OUTPUTS_DIR/partial.txt\"; echo ready; wait"),
                listener);
        listener.awaitLine(LogStream.STDOUT, "ready", patience());

        environment.stop(handle);
        JobOutcome outcome = listener.awaitFinished(patience());

        assertEquals(Status.STOPPED, outcome.status());
        assertFalse(outcome.message().isBlank(), "a stop says why");
        assertEquals(Optional.of("so-far\n"), listener.outputText("partial.txt"), "outputs so far are kept");
        assertEquals(List.of(), listener.protocolViolations());
        if (runsOnThisMachine()) {
            long child = Long.parseLong(listener.lines(LogStream.STDOUT).get(0).substring("child ".length()));
            assertProcessEnds(child);
        }
    }

    @Test
    void stoppingAFinishedOrUnknownJobDoesNothing() throws Exception {
        RecordingJobListener listener = new RecordingJobListener();
        String handle = environment.launch(spec(InMemoryJobFiles.empty(), "echo done"), listener);
        listener.awaitFinished(patience());

        environment.stop(handle);
        environment.stop("never-issued-" + UUID.randomUUID());

        assertEquals(Status.COMPLETE, listener.outcome().orElseThrow().status());
        assertEquals(JobState.FINISHED, environment.state(handle));
        assertEquals(List.of(), listener.protocolViolations());
    }

    @Test
    void theTimeLimitStopsTheJob() throws Exception {
        long start = System.nanoTime();
        RecordingJobListener listener = run(spec(InMemoryJobFiles.empty(), Optional.of(Duration.ofSeconds(1)),
                "echo before", "sleep 60", "echo after"));

        JobOutcome outcome = listener.outcome().orElseThrow();
        assertEquals(Status.STOPPED, outcome.status());
        assertTrue(outcome.message().toLowerCase(Locale.ROOT).contains("time limit"), outcome.message());
        assertEquals(List.of("before"), listener.lines(LogStream.STDOUT));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(60)) < 0);
    }

    @Test
    void outputsAreHandedOverWithTheirNestedPaths() throws Exception {
        RecordingJobListener listener = run(spec(InMemoryJobFiles.empty(),
                "mkdir -p \"$VH_OUTPUTS_DIR/models/best\"",
                "echo top > \"$VH_OUTPUTS_DIR/summary.txt\"",
                "echo deep > \"$VH_OUTPUTS_DIR/models/best/model.bin\"",
                ": > \"$VH_OUTPUTS_DIR/empty.txt\""));

        assertEquals(Status.COMPLETE, listener.outcome().orElseThrow().status());
        Map<String, byte[]> outputs = listener.outputs();
        assertEquals(List.of("empty.txt", "models/best/model.bin", "summary.txt"),
                outputs.keySet().stream().sorted().toList());
        assertEquals("top\n", new String(outputs.get("summary.txt"), StandardCharsets.UTF_8));
        assertEquals("deep\n", new String(outputs.get("models/best/model.bin"), StandardCharsets.UTF_8));
        assertEquals(0, outputs.get("empty.txt").length);
    }

    @Test
    void outputsWrittenBeforeAFailureAreStillHandedOver() throws Exception {
        RecordingJobListener listener = run(spec(InMemoryJobFiles.empty(),
                "echo partial > \"$VH_OUTPUTS_DIR/checkpoint.txt\"", "exit 2"));

        assertEquals(Status.ERROR, listener.outcome().orElseThrow().status());
        assertEquals(Optional.of("partial\n"), listener.outputText("checkpoint.txt"));
    }

    @Test
    void theJobSeesTheRuntimeContract() throws Exception {
        InMemoryJobFiles files = InMemoryJobFiles.builder()
                .code("hello.txt", "hello from the repository\n")
                .code("src/nested.txt", "nested code\n")
                .input("numbers", "numbers.csv", "1,2,3\n")
                .parameter("learning_rate", 0.01)
                .parameter("epochs", 3)
                .build();
        RecordingJobListener listener = run(spec(files,
                "cat hello.txt",
                "cat \"$VH_REPOSITORY_DIR/src/nested.txt\"",
                "cat \"$VH_CONFIG_DIR/parameters.json\"; echo",
                "cat \"$VH_INPUTS_DIR/numbers/numbers.csv\"",
                "path=$(sed -n 's/.*\"path\": *\"\\([^\"]*\\)\".*/\\1/p' \"$VH_CONFIG_DIR/inputs.json\")"
                        + " && cat \"$path\"",
                "echo \"$GREETING\"",
                "echo \"inputs at $VH_INPUTS_DIR\"",
                "for d in \"$VH_REPOSITORY_DIR\" \"$VH_INPUTS_DIR\" \"$VH_OUTPUTS_DIR\" \"$VH_CONFIG_DIR\"; do"
                        + " case \"$d\" in /*) echo absolute ;; *) echo \"relative: $d\" ;; esac; done"));

        assertEquals(Status.COMPLETE, listener.outcome().orElseThrow().status(),
                () -> "stderr: " + listener.lines(LogStream.STDERR));
        assertEquals(List.of(
                        "hello from the repository",
                        "nested code",
                        "{\"learning_rate\": 0.01, \"epochs\": 3}",
                        "1,2,3",
                        "1,2,3",
                        "hello from the spec",
                        "inputs at " + files.inputsDirectorySeen().orElseThrow(),
                        "absolute", "absolute", "absolute", "absolute"),
                listener.lines(LogStream.STDOUT));
    }

    @Test
    void aFailureToLayOutTheCodeEndsInErrorWithoutStarting() throws Exception {
        RecordingJobListener listener = run(spec(
                InMemoryJobFiles.builder().failingCode("the commit is gone").build(), "echo never"));

        JobOutcome outcome = listener.outcome().orElseThrow();
        assertEquals(Status.ERROR, outcome.status());
        assertEquals(OptionalInt.empty(), outcome.exitCode());
        assertTrue(outcome.message().contains("the commit is gone"), outcome.message());
        assertFalse(listener.hasStarted());
        assertEquals(List.of(), listener.lines(LogStream.STDOUT));
    }

    @Test
    void aFailureToFetchAnInputEndsInErrorWithoutStarting() throws Exception {
        RecordingJobListener listener = run(spec(InMemoryJobFiles.builder()
                .input("numbers", "good.csv", "1\n")
                .failingInput("numbers", "bad.csv", "the store is unreachable")
                .build(), "echo never"));

        JobOutcome outcome = listener.outcome().orElseThrow();
        assertEquals(Status.ERROR, outcome.status());
        assertEquals(OptionalInt.empty(), outcome.exitCode());
        assertTrue(outcome.message().contains("the store is unreachable"), outcome.message());
        assertFalse(listener.hasStarted());
    }

    /**
     * Fails unless process {@code pid} of this machine is gone within a few seconds. A zombie counts as gone: it no
     * longer runs, and where nobody reaps orphans it stays in the process table.
     */
    public static void assertProcessEnds(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (isRunning(pid)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("process " + pid + " is still running");
            }
            Thread.sleep(20);
        }
    }

    private static boolean isRunning(long pid) {
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.ISO_8859_1);
                String state = stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
                return !state.equals("Z") && !state.equals("X");
            } catch (IOException | RuntimeException e) {
                // No /proc (not Linux) or the process went meanwhile: trust Java.
                return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            }
        }
        return false;
    }
}
