package io.lathe.plugins.compute.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lathe.plugin.api.compute.JobOutcome;
import io.lathe.plugin.api.compute.JobOutcome.Status;
import io.lathe.plugin.api.compute.RecordingJobListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputHandoverTest {

    @TempDir
    Path folder;

    @Test
    void aHardLinkToAFileElsewhereIsNotHandedOverAndTheOutcomeSaysWhy() throws IOException {
        Workspace workspace = new Workspace(folder.resolve("job"));
        workspace.create();
        Path secret = Files.writeString(folder.resolve("master.key"), "not for the job");
        Files.writeString(workspace.outputs().resolve("model.bin"), "weights");
        Files.createDirectories(workspace.outputs().resolve("sub"));
        Files.createLink(workspace.outputs().resolve("sub/key.txt"), secret);
        RecordingJobListener listener = new RecordingJobListener();

        JobOutcome outcome = new OutputHandover(workspace, listener, System.getLogger("test"))
                .handOver(new JobOutcome(Status.COMPLETE, OptionalInt.of(0), ""));

        assertEquals(List.of("model.bin"), listener.outputPaths());
        assertEquals(Status.ERROR, outcome.status());
        assertTrue(outcome.message().contains("sub/key.txt") && outcome.message().contains("hard link"),
                outcome.message());
    }
}
