package io.lathe.server.plugins;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginWrapper;

/**
 * PF4J's plugin manager, made to remember what failed: PF4J only logs a plugin file it cannot load, and a broken
 * dependency between plugins makes it load nothing; both must reach the API and the console.
 */
final class LathePluginManager extends DefaultPluginManager {

    private final Map<Path, String> loadFailures = new ConcurrentHashMap<>();

    LathePluginManager(Path pluginsDirectory, String systemVersion) {
        super(List.of(pluginsDirectory));
        setSystemVersion(systemVersion);
    }

    @Override
    protected PluginWrapper loadPluginFromPath(Path pluginPath) {
        try {
            return super.loadPluginFromPath(pluginPath);
        } catch (RuntimeException e) {
            loadFailures.put(pluginPath, describe(e));
            throw e;
        }
    }

    void recordFailure(Path pluginPath, Throwable failure) {
        loadFailures.put(pluginPath, describe(failure));
    }

    /** Plugin files that could not be loaded, with why. */
    Map<Path, String> loadFailures() {
        return Map.copyOf(loadFailures);
    }

    static String describe(Throwable failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
