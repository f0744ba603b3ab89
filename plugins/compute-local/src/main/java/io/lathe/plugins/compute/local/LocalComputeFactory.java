package io.lathe.plugins.compute.local;

import io.lathe.plugin.api.PluginContext;
import io.lathe.plugin.api.compute.ComputeEnvironment;
import io.lathe.plugin.api.compute.ComputeEnvironmentFactory;
import io.lathe.plugin.api.config.ConfigError;
import io.lathe.plugin.api.config.ConfigProperty;
import io.lathe.plugin.api.config.ConfigPropertyType;
import io.lathe.plugin.api.config.Settings;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/** Makes compute environments that run each execution as a process tree on the server's own machine. */
@Extension
public final class LocalComputeFactory implements ComputeEnvironmentFactory {

    static final String MAX_CONCURRENCY = "max-concurrency";
    static final String WORK_ROOT = "work-root";
    static final String KEEP_WORKSPACES = "keep-workspaces";
    static final String STOP_GRACE_SECONDS = "stop-grace-seconds";
    static final String SANDBOX = "sandbox";
    static final String READ_ONLY_PATHS = "read-only-paths";
    static final String NETWORK = "network";
    static final String MEMORY_LIMIT_MB = "memory-limit-mb";
    static final String CPU_TIME_LIMIT_SECONDS = "cpu-time-limit-seconds";
    static final String BWRAP_PATH = "bwrap-path";

    private static final List<ConfigProperty> PROPERTIES = List.of(
            ConfigProperty.builder(MAX_CONCURRENCY, ConfigPropertyType.INTEGER)
                    .label("Maximum concurrent jobs")
                    .help("How many executions run at once on this machine; the rest wait in the queue.")
                    .defaultValue("2")
                    .build(),
            ConfigProperty.builder(WORK_ROOT, ConfigPropertyType.STRING)
                    .label("Workspace folder")
                    .help("Absolute path of the folder that holds one folder per running job. "
                            + "Leave empty to use the plugin's work folder.")
                    .build(),
            ConfigProperty.builder(KEEP_WORKSPACES, ConfigPropertyType.BOOLEAN)
                    .label("Keep workspaces")
                    .help("Keep a job's folder after it finished, for debugging; otherwise it is deleted once "
                            + "its outputs are stored.")
                    .defaultValue("false")
                    .build(),
            ConfigProperty.builder(STOP_GRACE_SECONDS, ConfigPropertyType.INTEGER)
                    .label("Stop grace period (seconds)")
                    .help("How long a stopped job may take to exit after SIGTERM before it is killed.")
                    .defaultValue("10")
                    .build(),
            ConfigProperty.builder(SANDBOX, ConfigPropertyType.CHOICE)
                    .label("Sandbox")
                    .help("bubblewrap: every job runs in a sandbox that sees only its own workspace, the system "
                            + "folders and the read-only paths below (needs the package bubblewrap; without it only "
                            + "administrators' jobs run, unsandboxed). none: every job runs with the server's own "
                            + "rights and can read its secrets; only for a server whose every user is trusted.")
                    .options(List.of(SandboxSettings.Mode.BUBBLEWRAP.setting(), SandboxSettings.Mode.NONE.setting()))
                    .defaultValue(SandboxSettings.Mode.BUBBLEWRAP.setting())
                    .build(),
            ConfigProperty.builder(READ_ONLY_PATHS, ConfigPropertyType.STRING)
                    .label("Read-only paths")
                    .help("Absolute paths outside /usr that sandboxed jobs may read, separated by ':', such as a "
                            + "Python under /opt or a home folder (/home/ml/.pyenv/versions/3.11.7) or CUDA. Each "
                            + "appears at its own path; its bin folder comes first on the jobs' PATH.")
                    .build(),
            ConfigProperty.builder(NETWORK, ConfigPropertyType.BOOLEAN)
                    .label("Network")
                    .help("Whether sandboxed jobs may reach the network (to download packages or data).")
                    .defaultValue("true")
                    .build(),
            ConfigProperty.builder(MEMORY_LIMIT_MB, ConfigPropertyType.INTEGER)
                    .label("Memory limit per process (MiB)")
                    .help("The virtual memory each process of a job may reserve (prlimit --as); 0 for no limit. "
                            + "Programs that reserve much more than they use (the JVM, CUDA) need a generous value.")
                    .defaultValue("0")
                    .build(),
            ConfigProperty.builder(CPU_TIME_LIMIT_SECONDS, ConfigPropertyType.INTEGER)
                    .label("CPU time limit per process (seconds)")
                    .help("The CPU time each process of a job may use before it is killed (prlimit --cpu); 0 for "
                            + "no limit. The step's time-limit bounds the wall-clock time.")
                    .defaultValue("0")
                    .build(),
            ConfigProperty.builder(BWRAP_PATH, ConfigPropertyType.STRING)
                    .label("bubblewrap program")
                    .help("Where the bwrap program of the package bubblewrap is.")
                    .defaultValue(SandboxSettings.DEFAULT_BWRAP.toString())
                    .build());

    @Override
    public String id() {
        return "local";
    }

    @Override
    public String displayName() {
        return "Local processes";
    }

    @Override
    public String description() {
        return "Runs each execution as processes on the server's machine, in a sandbox that sees only its own "
                + "workspace (bubblewrap).";
    }

    @Override
    public List<ConfigProperty> configProperties() {
        return PROPERTIES;
    }

    @Override
    public List<ConfigError> validate(Map<String, String> settings) {
        List<ConfigError> errors = new ArrayList<>(ComputeEnvironmentFactory.super.validate(settings));
        // Range checks only for fields whose type already parsed, so that one field gets one message.
        if (errors.stream().noneMatch(e -> e.field().equals(MAX_CONCURRENCY))) {
            long value = whole(settings, MAX_CONCURRENCY, 2);
            if (value < 1 || value > 10_000) {
                errors.add(new ConfigError(MAX_CONCURRENCY, "Maximum concurrent jobs must be between 1 and 10000"));
            }
        }
        if (errors.stream().noneMatch(e -> e.field().equals(STOP_GRACE_SECONDS))) {
            long value = whole(settings, STOP_GRACE_SECONDS, 10);
            if (value < 0 || value > 3600) {
                errors.add(new ConfigError(STOP_GRACE_SECONDS, "Stop grace period must be between 0 and 3600 seconds"));
            }
        }
        String workRoot = settings.get(WORK_ROOT);
        if (workRoot != null && !workRoot.isBlank() && !isAbsolutePath(workRoot.trim())) {
            errors.add(new ConfigError(WORK_ROOT, "Workspace folder must be an absolute path such as /var/lib/lathe/jobs"));
        }
        for (String name : List.of(MEMORY_LIMIT_MB, CPU_TIME_LIMIT_SECONDS)) {
            if (errors.stream().noneMatch(e -> e.field().equals(name)) && whole(settings, name, 0) < 0) {
                errors.add(new ConfigError(name, "A limit must be 0 (none) or more"));
            }
        }
        if (errors.stream().noneMatch(e -> e.field().equals(MEMORY_LIMIT_MB))
                && whole(settings, MEMORY_LIMIT_MB, 0) > Long.MAX_VALUE / (1024 * 1024)) {
            errors.add(new ConfigError(MEMORY_LIMIT_MB, "Memory limit is too large"));
        }
        readOnlyPathsError(settings.get(READ_ONLY_PATHS)).ifPresent(message ->
                errors.add(new ConfigError(READ_ONLY_PATHS, message)));
        String bwrap = settings.get(BWRAP_PATH);
        if (bwrap != null && !bwrap.isBlank() && !isAbsolutePath(bwrap.trim())) {
            errors.add(new ConfigError(BWRAP_PATH, "bubblewrap program must be an absolute path such as /usr/bin/bwrap"));
        }
        return errors;
    }

    @Override
    public ComputeEnvironment create(Settings settings, PluginContext context) {
        return new LocalComputeEnvironment(LocalSettings.from(settings, context), context);
    }

    private static long whole(Map<String, String> settings, String name, long fallback) {
        String value = settings.get(name);
        return value == null || value.isBlank() ? fallback : Long.parseLong(value.trim());
    }

    private static java.util.Optional<String> readOnlyPathsError(String setting) {
        if (setting == null) {
            return java.util.Optional.empty();
        }
        for (String part : setting.split(":")) {
            String path = part.strip();
            if (path.isEmpty()) {
                continue;
            }
            if (!isAbsolutePath(path)) {
                return java.util.Optional.of("Read-only paths must be absolute paths separated by ':', not '" + path
                        + "'");
            }
            // "/" or "/etc" wholesale would undo the sandbox: the server's data folder, keys and passwords.
            Path normalized = Path.of(path).normalize();
            if (normalized.getNameCount() == 0 || normalized.equals(Path.of("/etc"))
                    || normalized.equals(Path.of("/proc")) || normalized.equals(Path.of("/home"))
                    || normalized.equals(Path.of("/root"))) {
                return java.util.Optional.of("Read-only path '" + path + "' would show the sandbox too much of this "
                        + "machine; name the folder that holds the program, such as /opt/python3.11");
            }
        }
        return java.util.Optional.empty();
    }

    private static boolean isAbsolutePath(String text) {
        try {
            return Path.of(text).isAbsolute();
        } catch (InvalidPathException e) {
            return false;
        }
    }
}
