package io.lathe.plugins.compute.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lathe.plugin.api.compute.InMemoryJobFiles;
import io.lathe.plugin.api.compute.JobSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeptWorkspaceTest extends LocalJobTestSupport {

    @Override
    Map<String, String> settings() {
        return Map.of(LocalComputeFactory.KEEP_WORKSPACES, "true",
                LocalComputeFactory.WORK_ROOT, work.resolve("elsewhere").toString());
    }

    @Test
    void keepWorkspacesLeavesTheJobsFolderInTheConfiguredRoot() throws Exception {
        JobSpec spec = spec(InMemoryJobFiles.builder()
                        .code("train.py", "print(1)")
                        .input("data", "d.csv", "1,2")
                        .parameter("epochs", 2)
                        .build(),
                "echo result > \"$VH_OUTPUTS_DIR/result.txt\"");

        run(spec);

        Path folder = work.resolve("elsewhere").resolve(spec.executionId());
        assertEquals("print(1)", Files.readString(folder.resolve("repository/train.py")));
        assertEquals("1,2", Files.readString(folder.resolve("inputs/data/d.csv")));
        assertEquals("{\"epochs\": 2}", Files.readString(folder.resolve("config/parameters.json")));
        assertEquals("result\n", Files.readString(folder.resolve("outputs/result.txt")));
    }
}
