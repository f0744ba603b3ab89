package io.lathe.plugins.compute.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lathe.plugin.api.compute.InMemoryJobFiles;
import io.lathe.plugin.api.compute.JobOutcome;
import io.lathe.plugin.api.compute.JobOutcome.Status;
import io.lathe.plugin.api.compute.JobSpec;
import io.lathe.plugin.api.compute.LogStream;
import io.lathe.plugin.api.compute.RecordingJobListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Jobs in a real bubblewrap sandbox: what they can and cannot reach. Runs where bubblewrap works (CI installs it);
 * skipped elsewhere.
 */
class SandboxedJobTest extends LocalJobTestSupport {

    private static List<Path> python;

    @BeforeAll
    static void bubblewrapWorksHere() throws Exception {
        assumeTrue(JobIsolation.of(new SandboxSettings(SandboxSettings.Mode.BUBBLEWRAP, SandboxSettings.DEFAULT_BWRAP,
                List.of(), true)).warnings().isEmpty(), "bubblewrap cannot make sandboxes here");
        python = PythonInstallation.outsideUsr();
    }

    @Override
    Map<String, String> settings() {
        return Map.of(LocalComputeFactory.SANDBOX, "bubblewrap", LocalComputeFactory.READ_ONLY_PATHS,
                String.join(":", python.stream().map(Path::toString).toList()));
    }

    @Test
    void aJobReadsItsInputsWritesOutputsAndRunsPythonAsNobody() throws Exception {
        RecordingJobListener listener = run(spec(InMemoryJobFiles.builder()
                        .code("train.py", "import json, os\n"
                                + "params = json.load(open(os.path.join(os.environ['VH_CONFIG_DIR'], 'parameters.json')))\n"
                                + "rows = open('/valohai/inputs/data/d.csv').read().split()\n"
                                + "open('/valohai/outputs/model.txt', 'w').write(str(len(rows) * params['k']))\n"
                                + "print(json.dumps({'rows': len(rows)}))\n")
                        .input("data", "d.csv", "1\n2\n3\n")
                        .parameter("k", 2)
                        .build(),
                "id -u", "pwd", "python3 train.py", "echo scratch > /tmp/s && cat /tmp/s"));

        assertEquals(Status.COMPLETE, listener.outcome().orElseThrow().status(), stderr(listener));
        assertEquals(List.of("65534", "/valohai/repository", "{\"rows\": 3}", "scratch"),
                listener.lines(LogStream.STDOUT));
        assertEquals(Optional.of("6"), listener.outputText("model.txt"));
    }

    @Test
    void theRepositoryInputsAndSystemFoldersAreReadOnly() throws Exception {
        RecordingJobListener listener = run(spec(InMemoryJobFiles.builder().code("a.txt", "a\n")
                        .input("data", "d.csv", "1\n").build(),
                "for f in /valohai/repository/a.txt /valohai/inputs/data/d.csv /usr/bin/new /etc/passwd /x"
                        + " /proc/sys/vm/swappiness; do if echo x > $f; then echo \"wrote $f\"; else echo \"refused $f\"; fi;"
                        + " done 2>/dev/null"));

        assertEquals(List.of("refused /valohai/repository/a.txt", "refused /valohai/inputs/data/d.csv",
                "refused /usr/bin/new", "refused /etc/passwd", "refused /x", "refused /proc/sys/vm/swappiness"),
                listener.lines(LogStream.STDOUT));
    }

    @Test
    void nothingOfTheServerOrOtherJobsIsVisible() throws Exception {
        Path secret = work.resolve("secrets/master.key");
        Files.createDirectories(secret.getParent());
        Files.writeString(secret, "the key");
        RecordingJobListener other = new RecordingJobListener();
        environment.launch(spec(InMemoryJobFiles.builder().code("other.txt", "other job\n").build(),
                "echo ready; sleep 1000"), other);
        other.awaitLine(LogStream.STDOUT, "ready", PATIENCE);

        RecordingJobListener listener = run(spec(InMemoryJobFiles.empty(),
                "for f in " + secret + " " + work + " " + work.resolve("jobs") + " /root/.bashrc /var/lib /home"
                        + "; do if ls $f >/dev/null 2>&1; then echo \"saw $f\"; fi; done",
                "find / -path /proc -prune -o -path /usr -prune -o \\( -name other.txt -o -name master.key \\)"
                        + " -print 2>/dev/null | sed 's/^/saw /'",
                "ls /proc | grep -c '^[0-9]'",
                "cat /proc/1/cmdline | tr '\\0' ' ' | cut -d' ' -f1"));

        // Its own processes only: bubblewrap's init, the shell and what the shell runs.
        List<String> lines = listener.lines(LogStream.STDOUT);
        assertFalse(lines.stream().anyMatch(line -> line.startsWith("saw")), lines::toString);
        assertTrue(Integer.parseInt(lines.get(0)) <= 5, lines::toString);
        assertEquals(SandboxSettings.DEFAULT_BWRAP.toString(), lines.get(1), "PID 1 is bubblewrap's, not the host's init");
    }

    @Test
    void withoutNetworkOnlyLoopbackIsThere() throws Exception {
        environment.close();
        environment = LocalEnvironments.create(context, Map.of(LocalComputeFactory.SANDBOX, "bubblewrap",
                LocalComputeFactory.NETWORK, "false"));

        RecordingJobListener listener = run(spec(InMemoryJobFiles.empty(),
                "tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' '"));

        assertEquals(List.of("lo"), listener.lines(LogStream.STDOUT));
    }

    @Test
    void memoryAndCpuLimitsBindEveryProcessOfTheJob() throws Exception {
        environment.close();
        environment = LocalEnvironments.create(context, Map.of(LocalComputeFactory.SANDBOX, "bubblewrap",
                LocalComputeFactory.MEMORY_LIMIT_MB, "512", LocalComputeFactory.CPU_TIME_LIMIT_SECONDS, "30"));

        RecordingJobListener listener = run(spec(InMemoryJobFiles.empty(),
                "grep -E 'Max (address space|cpu time)' /proc/self/limits | tr -s ' ' | sed 's/ *$//'"));

        assertEquals(List.of("Max cpu time 30 30 seconds", "Max address space 536870912 536870912 bytes"),
                listener.lines(LogStream.STDOUT), stderr(listener));
    }

    @Test
    void aStopGivesTheJobItsGracePeriodThenNoProcessOfItRemains() throws Exception {
        String marker = "lathe-test-" + UUID.randomUUID();
        RecordingJobListener listener = new RecordingJobListener();
        String handle = environment.launch(specWith(Map.of("MARKER", marker),
                "trap 'echo saved > $VH_OUTPUTS_DIR/checkpoint.txt; exit 0' TERM; sleep 1000 & echo ready;"
                        + " while true; do sleep 0.1; done"), listener);
        listener.awaitLine(LogStream.STDOUT, "ready", PATIENCE);
        assertTrue(processesWith(marker) >= 3, "the test sees the job's processes from outside");

        environment.stop(handle);
        JobOutcome outcome = listener.awaitFinished(PATIENCE);

        assertEquals(Status.STOPPED, outcome.status());
        assertEquals(Optional.of("saved\n"), listener.outputText("checkpoint.txt"), "SIGTERM reached the job");
        assertEquals(0, processesWith(marker), "the background sleep ended with the sandbox");
    }

    private static JobSpec specWith(Map<String, String> environment, String... commands) {
        String id = UUID.randomUUID().toString();
        return new JobSpec(id, "exec-" + id, "", List.of(commands), new HashMap<>(environment), Optional.empty(),
                InMemoryJobFiles.empty());
    }

    /** How many processes of this machine have {@code marker} in their environment. */
    static int processesWith(String marker) throws IOException {
        byte[] needle = ("=" + marker).getBytes(StandardCharsets.UTF_8);
        int found = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path entry : entries) {
                try {
                    if (new String(Files.readAllBytes(entry.resolve("environ")), StandardCharsets.ISO_8859_1)
                            .contains(new String(needle, StandardCharsets.ISO_8859_1))) {
                        found++;
                    }
                } catch (IOException e) {
                    // gone meanwhile, or a kernel thread
                }
            }
        }
        return found;
    }

    private static String stderr(RecordingJobListener listener) {
        return String.join("\n", listener.lines(LogStream.STDERR));
    }

}
