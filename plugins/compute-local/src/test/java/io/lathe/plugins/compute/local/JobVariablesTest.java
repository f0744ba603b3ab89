package io.lathe.plugins.compute.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lathe.plugin.api.compute.InMemoryJobFiles;
import io.lathe.plugin.api.compute.JobSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobVariablesTest {

    @TempDir
    Path python;

    private final JobSpec spec = new JobSpec("e1", "exec-e1", "", List.of("true"), Map.of("GREETING", "hi"),
            Optional.empty(), InMemoryJobFiles.empty());

    @Test
    void aSandboxedJobSeesTheContractsFoldersAndTheUserNobody() {
        Map<String, String> variables = JobVariables.inSandbox(Map.of("HOME", "/root", "USER", "root",
                "TMPDIR", "/var/tmp/server", "LANG", "C.UTF-8", "LATHE_DB_PASSWORD", "secret"), spec, List.of());

        assertEquals("/valohai/repository", variables.get("VH_REPOSITORY_DIR"));
        assertEquals("/valohai/inputs", variables.get("VH_INPUTS_DIR"));
        assertEquals("/valohai/outputs", variables.get("VH_OUTPUTS_DIR"));
        assertEquals("/valohai/config", variables.get("VH_CONFIG_DIR"));
        assertEquals("/tmp", variables.get("HOME"));
        assertEquals("/tmp", variables.get("TMPDIR"));
        assertEquals("nobody", variables.get("USER"));
        assertEquals("C.UTF-8", variables.get("LANG"));
        assertEquals("hi", variables.get("GREETING"));
        assertEquals("exec-e1", variables.get("VH_JOB_ID"));
        assertEquals(null, variables.get("LATHE_DB_PASSWORD"));
    }

    @Test
    void theSandboxPathPutsReadOnlyInterpretersFirstAndDropsFoldersTheSandboxLacks() throws Exception {
        Files.createDirectories(python.resolve("bin"));
        String serverPath = "/root/.pyenv/shims:/root/.cargo/bin:/usr/local/bin:/usr/bin:/bin:" + python.resolve("bin");

        assertEquals(python.resolve("bin") + ":/usr/local/bin:/usr/bin:/bin",
                JobVariables.sandboxPath(serverPath, List.of(python)));
        assertEquals("/usr/local/bin:/usr/bin:/bin", JobVariables.sandboxPath("", List.of(Path.of("/opt/no-bin"))));
    }
}
