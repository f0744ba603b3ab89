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
        return "Runs each execution as processes on the server's machine, in a workspace folder of its own.";
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

    private static boolean isAbsolutePath(String text) {
        try {
            return Path.of(text).isAbsolute();
        } catch (InvalidPathException e) {
            return false;
        }
    }
}
