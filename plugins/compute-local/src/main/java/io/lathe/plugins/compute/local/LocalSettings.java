package io.lathe.plugins.compute.local;

import static java.util.Objects.requireNonNull;

import io.lathe.plugin.api.PluginContext;
import io.lathe.plugin.api.config.Settings;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The settings of one local compute environment, parsed once.
 *
 * @param maxConcurrency how many jobs the server may run at once
 * @param workRoot the folder holding one workspace folder per job
 * @param keepWorkspaces whether a job's folder stays after it finished
 * @param stopGrace how long a job may take to exit after SIGTERM before it gets SIGKILL
 */
record LocalSettings(int maxConcurrency, Path workRoot, boolean keepWorkspaces, Duration stopGrace) {

    LocalSettings {
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("maxConcurrency < 1");
        }
        requireNonNull(workRoot, "workRoot");
        requireNonNull(stopGrace, "stopGrace");
        if (stopGrace.isNegative()) {
            throw new IllegalArgumentException("stopGrace < 0");
        }
    }

    static LocalSettings from(Settings settings, PluginContext context) {
        Path workRoot = settings.find(LocalComputeFactory.WORK_ROOT)
                .map(String::trim)
                .map(Path::of)
                .orElseGet(() -> context.workDirectory().resolve("jobs"))
                .toAbsolutePath()
                .normalize();
        return new LocalSettings(
                settings.getInt(LocalComputeFactory.MAX_CONCURRENCY),
                workRoot,
                settings.getBoolean(LocalComputeFactory.KEEP_WORKSPACES),
                Duration.ofSeconds(settings.getLong(LocalComputeFactory.STOP_GRACE_SECONDS)));
    }
}
