package io.lathe.plugins.compute.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lathe.plugin.api.compute.InMemoryJobFiles;
import io.lathe.plugin.api.compute.JobOutcome;
import io.lathe.plugin.api.compute.JobOutcome.Status;
import io.lathe.plugin.api.compute.JobSpec;
import io.lathe.plugin.api.compute.LogStream;
import io.lathe.plugin.api.compute.RecordingJobListener;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Where bubblewrap is missing: admins' jobs run unsandboxed, everyone else's are refused, unless sandbox = none. */
class JobIsolationTest extends LocalJobTestSupport {

    @Override
    Map<String, String> settings() {
        return Map.of(LocalComputeFactory.SANDBOX, "bubblewrap",
                LocalComputeFactory.BWRAP_PATH, work.resolve("no-such/bwrap").toString());
    }

    @Test
    void aUsersJobIsRefusedWithAMessageNamingThePackage() throws Exception {
        JobSpec spec = spec(false, "echo should not run");

        RecordingJobListener listener = run(spec);

        JobOutcome outcome = listener.outcome().orElseThrow();
        assertEquals(Status.ERROR, outcome.status());
        assertTrue(outcome.message().contains("install the package 'bubblewrap'"), outcome.message());
        assertTrue(outcome.message().contains("'sandbox'") && outcome.message().contains("'none'"), outcome.message());
        assertFalse(listener.hasStarted());
        assertFalse(Files.exists(workspaceOf(spec)), "nothing was laid out for it");
    }

    @Test
    void anAdminsJobRunsUnsandboxed() throws Exception {
        RecordingJobListener listener = run(spec(true, "echo \"$VH_OUTPUTS_DIR\""));

        assertEquals(Status.COMPLETE, listener.outcome().orElseThrow().status());
        assertTrue(listener.lines(LogStream.STDOUT).get(0).startsWith(work.toString()), "the host's own paths");
    }

    @Test
    void theEnvironmentWarnsThatItCannotSandbox() {
        List<String> warnings = environment.warnings();

        assertEquals(1, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).contains("bubblewrap") && warnings.get(0).contains("no-such/bwrap"),
                warnings.get(0));
    }

    @Test
    void withSandboxNoneEveryonesJobRunsAndTheEnvironmentSaysSo() throws Exception {
        environment.close();
        environment = LocalEnvironments.create(context, Map.of(LocalComputeFactory.SANDBOX, "none",
                LocalComputeFactory.BWRAP_PATH, work.resolve("no-such/bwrap").toString()));

        RecordingJobListener listener = run(spec(false, "echo ran"));

        assertEquals(List.of("ran"), listener.lines(LogStream.STDOUT));
        assertTrue(environment.warnings().get(0).contains("unsandboxed"), environment.warnings()::toString);
    }

    private static JobSpec spec(boolean admin, String... commands) {
        String id = UUID.randomUUID().toString();
        return new JobSpec(id, "exec-" + id, "", List.of(commands), Map.of(), Optional.empty(),
                InMemoryJobFiles.empty(), admin);
    }
}
