package io.lathe.plugins.compute.local;

import static java.util.Objects.requireNonNull;

import io.lathe.plugin.api.PluginContext;
import io.lathe.plugin.api.PluginException;
import io.lathe.plugin.api.config.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The settings of one local compute environment, parsed once.
 *
 * @param maxConcurrency how many jobs the server may run at once
 * @param workRoot the folder holding one workspace folder per job
 * @param keepWorkspaces whether a job's folder stays after it finished
 * @param stopGrace how long a job may take to exit after SIGTERM before it gets SIGKILL
 * @param sandbox how jobs are isolated from the server and from each other
 * @param limits the memory and CPU time each process of a job may use
 */
record LocalSettings(int maxConcurrency, Path workRoot, boolean keepWorkspaces, Duration stopGrace,
        SandboxSettings sandbox, ResourceLimits limits) {

    LocalSettings {
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("maxConcurrency < 1");
        }
        requireNonNull(workRoot, "workRoot");
        requireNonNull(stopGrace, "stopGrace");
        if (stopGrace.isNegative()) {
            throw new IllegalArgumentException("stopGrace < 0");
        }
        requireNonNull(sandbox, "sandbox");
        requireNonNull(limits, "limits");
    }

    static LocalSettings from(Settings settings, PluginContext context) {
        Path workRoot = settings.find(LocalComputeFactory.WORK_ROOT)
                .map(String::trim)
                .map(Path::of)
                .orElseGet(() -> context.workDirectory().resolve("jobs"))
                .toAbsolutePath()
                .normalize();
        SandboxSettings sandbox = new SandboxSettings(
                SandboxSettings.Mode.of(settings.get(LocalComputeFactory.SANDBOX)),
                Path.of(settings.get(LocalComputeFactory.BWRAP_PATH).trim()),
                SandboxSettings.parsePaths(settings.find(LocalComputeFactory.READ_ONLY_PATHS).orElse("")),
                settings.getBoolean(LocalComputeFactory.NETWORK));
        ResourceLimits limits = new ResourceLimits(
                settings.getLong(LocalComputeFactory.MEMORY_LIMIT_MB) * 1024 * 1024,
                settings.getLong(LocalComputeFactory.CPU_TIME_LIMIT_SECONDS));
        for (Path path : sandbox.readOnlyPaths()) {
            // A job that could read the workspace folder would read every other job's files; a folder holding the
            // plugin's work folder holds the server's whole data folder.
            for (Path secret : List.of(workRoot, context.workDirectory().toAbsolutePath().normalize())) {
                if (secret.startsWith(path)) {
                    throw new PluginException("read-only-path-too-wide", "the read-only path " + path + " holds "
                            + secret + ", and so other jobs' files and the server's data; name a narrower folder");
                }
            }
        }
        return new LocalSettings(
                settings.getInt(LocalComputeFactory.MAX_CONCURRENCY),
                workRoot,
                settings.getBoolean(LocalComputeFactory.KEEP_WORKSPACES),
                Duration.ofSeconds(settings.getLong(LocalComputeFactory.STOP_GRACE_SECONDS)),
                sandbox,
                limits);
    }
}
