package io.lathe.plugins.compute.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lathe.plugin.api.compute.ComputeEnvironment;
import io.lathe.plugin.api.compute.JobFiles;
import io.lathe.plugin.api.compute.JobSpec;
import io.lathe.plugin.api.compute.RecordingJobListener;
import io.lathe.plugin.api.testkit.TestPluginContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A fresh local environment per test, in a temporary folder, and helpers to run jobs in it. */
abstract class LocalJobTestSupport {

    static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    Path work;

    TestPluginContext context;
    ComputeEnvironment environment;

    @BeforeEach
    void createEnvironment() {
        context = new TestPluginContext(work);
        environment = LocalEnvironments.create(context, settings());
    }

    @AfterEach
    void closeEnvironment() {
        environment.close();
    }

    /** Settings for this class's environment besides the short grace period. */
    Map<String, String> settings() {
        return Map.of();
    }

    static JobSpec spec(JobFiles files, String... commands) {
        return spec(files, Optional.empty(), commands);
    }

    static JobSpec spec(JobFiles files, Optional<Duration> timeLimit, String... commands) {
        String id = UUID.randomUUID().toString();
        return new JobSpec(id, "exec-" + id, "ignored", List.of(commands), Map.of(), timeLimit, files);
    }

    RecordingJobListener run(JobSpec spec) throws InterruptedException {
        return run(spec, new RecordingJobListener());
    }

    <L extends RecordingJobListener> L run(JobSpec spec, L listener) throws InterruptedException {
        environment.launch(spec, listener);
        listener.awaitFinished(PATIENCE);
        assertEquals(List.of(), listener.protocolViolations());
        return listener;
    }

    /** The workspace folder of a job under the default work root. */
    Path workspaceOf(JobSpec spec) {
        return work.resolve("jobs").resolve(spec.executionId());
    }
}
