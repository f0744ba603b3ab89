package io.lathe.plugins.compute.local;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lathe.plugin.api.compute.ComputeEnvironment;
import io.lathe.plugin.api.compute.ComputeEnvironmentContract;
import io.lathe.plugin.api.testkit.TestPluginContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The compute contract with every job in a bubblewrap sandbox, as the server runs them. */
class SandboxedComputeContractTest extends ComputeEnvironmentContract {

    @TempDir
    Path work;

    @BeforeAll
    static void bubblewrapWorksHere() {
        assumeTrue(JobIsolation.of(new SandboxSettings(SandboxSettings.Mode.BUBBLEWRAP, SandboxSettings.DEFAULT_BWRAP,
                List.of(), true)).warnings().isEmpty(), "bubblewrap cannot make sandboxes here");
    }

    @Override
    protected ComputeEnvironment createEnvironment() {
        return LocalEnvironments.create(new TestPluginContext(work), Map.of(LocalComputeFactory.SANDBOX, "bubblewrap"));
    }

    /** The pids a sandboxed job prints are its PID namespace's, not this machine's. */
    @Override
    protected boolean runsOnThisMachine() {
        return false;
    }
}
