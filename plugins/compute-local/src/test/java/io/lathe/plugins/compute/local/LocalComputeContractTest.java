package io.lathe.plugins.compute.local;

import io.lathe.plugin.api.compute.ComputeEnvironment;
import io.lathe.plugin.api.compute.ComputeEnvironmentContract;
import io.lathe.plugin.api.testkit.TestPluginContext;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

class LocalComputeContractTest extends ComputeEnvironmentContract {

    @TempDir
    Path work;

    @Override
    protected ComputeEnvironment createEnvironment() {
        return LocalEnvironments.create(new TestPluginContext(work), Map.of());
    }

    @Override
    protected boolean runsOnThisMachine() {
        return true;
    }
}
