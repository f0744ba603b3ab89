package io.lathe.server.plugins.host;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.pf4j.CompoundPluginLoader;
import org.pf4j.DefaultPluginLoader;
import org.pf4j.DefaultPluginManager;
import org.pf4j.ExtensionFactory;
import org.pf4j.JarPluginLoader;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDependency;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginLoader;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginStatusProvider;
import org.pf4j.PluginWrapper;

/**
 * PF4J's plugin manager, made to remember what failed: PF4J only logs a plugin file it cannot load, and a broken
 * dependency between plugins makes it load nothing; both must reach the API and the console. It also keeps what the
 * host promises plugins: each extension is made once per plugin start ({@link OncePerStartExtensionFactory}), and
 * plugin-api and PF4J always come from the server ({@link ServerFirstClassLoader}).
 */
public final class LathePluginManager extends DefaultPluginManager {

    private final Map<Path, String> loadFailures = new ConcurrentHashMap<>();

    LathePluginManager(Path pluginsDirectory, String systemVersion) {
        super(List.of(pluginsDirectory));
        setSystemVersion(systemVersion);
    }

    // Both are called from PF4J's constructor, before this class's fields are set: they must not use them.
    @Override
    protected ExtensionFactory createExtensionFactory() {
        return new OncePerStartExtensionFactory(this);
    }

    /**
     * Plugin jars, and plugin folders (PF4J unpacks a zip into one), get a {@link ServerFirstClassLoader}. PF4J's
     * development-mode loader is left out: Lathe never runs PF4J in development mode.
     */
    @Override
    protected PluginLoader createPluginLoader() {
        return new CompoundPluginLoader()
                .add(new JarPluginLoader(this) {
                    @Override
                    protected PluginClassLoader createPluginClassLoader(Path pluginPath, PluginDescriptor plugin) {
                        return new ServerFirstClassLoader(pluginManager, plugin);
                    }
                })
                .add(new DefaultPluginLoader(this) {
                    @Override
                    protected PluginClassLoader createPluginClassLoader(Path pluginPath, PluginDescriptor plugin) {
                        return new ServerFirstClassLoader(pluginManager, plugin);
                    }
                });
    }

    /**
     * Loads every plugin whose dependencies can be met. PF4J resolves all plugins at once and loads none when one
     * needs a plugin that is missing (or of the wrong version): such plugins are left out first, and reported.
     */
    @Override
    public void loadPlugins() {
        Map<Path, PluginDescriptor> descriptors = new LinkedHashMap<>();
        for (Path path : pluginRepository.getPluginPaths()) {
            try {
                descriptors.put(path, getPluginDescriptorFinder().find(path));
            } catch (RuntimeException e) {
                loadFailures.put(path, describe(e));
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Map.Entry<Path, PluginDescriptor> entry : List.copyOf(descriptors.entrySet())) {
                String unmet = unmetDependency(entry.getValue(), descriptors.values());
                if (unmet != null) {
                    descriptors.remove(entry.getKey());
                    loadFailures.put(entry.getKey(), unmet);
                    changed = true;
                }
            }
        }
        for (Path path : descriptors.keySet()) {
            try {
                loadPluginFromPath(path);
            } catch (RuntimeException e) {
                // recorded by loadPluginFromPath
            }
        }
        resolvePlugins();
    }

    private String unmetDependency(PluginDescriptor plugin, Collection<PluginDescriptor> available) {
        for (PluginDependency dependency : plugin.getDependencies()) {
            if (dependency.isOptional()) {
                continue;
            }
            PluginDescriptor target = available.stream()
                    .filter(d -> d.getPluginId().equals(dependency.getPluginId())).findFirst().orElse(null);
            if (target == null) {
                return "plugin '" + plugin.getPluginId() + "' needs plugin '" + dependency.getPluginId()
                        + "', which is not installed";
            }
            String range = dependency.getPluginVersionSupport();
            if (!"*".equals(range) && !getVersionManager().checkVersionConstraint(target.getVersion(), range)) {
                return "plugin '" + plugin.getPluginId() + "' needs plugin '" + dependency.getPluginId() + "' "
                        + range + ", but " + target.getVersion() + " is installed";
            }
        }
        return null;
    }

    @Override
    protected PluginWrapper loadPluginFromPath(Path pluginPath) {
        try {
            refuseBrokenExtensionIndex(pluginPath);
            return super.loadPluginFromPath(pluginPath);
        } catch (RuntimeException e) {
            loadFailures.put(pluginPath, describe(e));
            throw e;
        }
    }

    /**
     * Refuses, once, a plugin whose extension index names a class it does not hold: PF4J would start it and then fail
     * (and log a stack trace) at every extension lookup.
     */
    private static void refuseBrokenExtensionIndex(Path pluginPath) {
        Optional<String> missing;
        try {
            missing = ExtensionIndex.missingClass(pluginPath);
        } catch (IOException e) {
            // PF4J reports a jar it cannot read in its own words
            return;
        }
        if (missing.isPresent()) {
            throw new PluginRuntimeException(missing.get());
        }
    }

    public void recordFailure(Path pluginPath, Throwable failure) {
        loadFailures.put(pluginPath, describe(failure));
    }

    public void forgetFailure(Path pluginPath) {
        loadFailures.remove(pluginPath);
    }

    /** Where PF4J keeps which plugins are disabled ({@code disabled.txt} in the plugins folder). */
    public PluginStatusProvider statusProvider() {
        return pluginStatusProvider;
    }

    /** Plugin files that could not be loaded, with why. */
    public Map<Path, String> loadFailures() {
        return Map.copyOf(loadFailures);
    }

    public static String describe(Throwable failure) {
        String message = failure.getMessage();
        if (failure instanceof PluginRuntimeException && message != null) {
            // PF4J's own failures are sentences already
            return message;
        }
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
