package io.lathe.server.plugins.host;

import io.lathe.plugin.api.ExtensionFactory;
import io.lathe.server.platform.LatheSettings;
import io.lathe.server.plugins.points.ExtensionPoints;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/**
 * Runs PF4J over {@code LATHE_HOME/plugins}: installs the bundled plugins there on first start, loads and starts
 * every plugin, and answers which extension factories are available. A plugin that fails is reported, never fatal.
 */
@ApplicationScoped
public class PluginHost {

    private static final Logger LOG = Logger.getLogger(PluginHost.class.getName());

    @Inject
    LatheSettings settings;
    @Inject
    ExtensionPoints points;

    private volatile LathePluginManager manager;
    private volatile PendingPluginActions pending;
    private volatile Set<String> bundledIds = Set.of();
    /** Held while the set of plugins changes or is read: PF4J's plugin manager is not thread-safe. */
    private final Object changes = new Object();

    /**
     * Copies each bundled plugin into the plugins folder unless a file of that name is there already (an
     * administrator's newer copy is kept), then loads and starts every plugin in the folder.
     *
     * @param bundled the bundled plugin files by file name ({@code <plugin-id>.jar}), opened on demand
     */
    public synchronized void start(Map<String, Function<String, InputStream>> bundled) {
        Path directory = settings.pluginsDirectory();
        pending = new PendingPluginActions(directory);
        pending.applyAtStart(id -> installedFileOf(directory, id));
        bundled.forEach((fileName, opener) -> installIfAbsent(directory.resolve(fileName), opener.apply(fileName)));
        bundledIds = bundled.keySet().stream().map(name -> name.substring(0, name.length() - ".jar".length()))
                .collect(java.util.stream.Collectors.toUnmodifiableSet());

        LathePluginManager pluginManager = new LathePluginManager(directory, LatheSettings.SYSTEM_VERSION);
        try {
            pluginManager.loadPlugins();
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "plugins could not be resolved; none are loaded", e);
            pluginManager.recordFailure(directory, e);
        }
        pluginManager.startPlugins();
        pluginManager.loadFailures().forEach((path, error) ->
                LOG.warning("plugin file " + path.getFileName() + " was not loaded: " + error));
        manager = pluginManager;
    }

    /** The jar in {@code directory} whose manifest names plugin {@code id}, or null. */
    private static Path installedFileOf(Path directory, String id) {
        try (var files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".jar")).toList()) {
                try (JarFile jar = new JarFile(file.toFile())) {
                    Manifest manifest = jar.getManifest();
                    if (manifest != null && id.equals(manifest.getMainAttributes().getValue("Plugin-Id"))) {
                        return file;
                    }
                } catch (IOException e) {
                    // not a jar: not this plugin
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The running plugin manager; null before {@link #start}. */
    public LathePluginManager manager() {
        return manager;
    }

    /** The lock plugin administration holds while it changes plugins. */
    public Object changes() {
        return changes;
    }

    public PendingPluginActions pending() {
        return pending;
    }

    /** Whether {@code id} is one of the plugins Lathe ships with (re-installed at start when its file is gone). */
    public boolean isBundled(String id) {
        return bundledIds.contains(id);
    }

    private static void installIfAbsent(Path target, InputStream content) {
        try (InputStream in = content) {
            if (Files.exists(target)) {
                return;
            }
            Path temporary = target.resolveSibling(target.getFileName() + ".installing");
            Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install bundled plugin " + target.getFileName(), e);
        }
    }

    /** Every factory of one extension point, from started plugins. */
    public <F extends ExtensionFactory<?>> List<F> factories(Class<F> point) {
        LathePluginManager current = manager;
        return current == null ? List.of() : current.getExtensions(point);
    }

    /** The factory of {@code point} whose id is {@code id}, if a started plugin provides one. */
    public <F extends ExtensionFactory<?>> Optional<F> factory(Class<F> point, String id) {
        return factories(point).stream().filter(f -> f.id().equals(id)).findFirst();
    }

    /** The id of the plugin whose class loader made {@code extension}, or {@code unknown} for the server's own. */
    public String pluginIdOf(Object extension) {
        LathePluginManager current = manager;
        PluginWrapper plugin;
        synchronized (changes) {
            plugin = current == null ? null : current.whichPlugin(extension.getClass());
        }
        return plugin == null ? "unknown" : plugin.getPluginId();
    }

    /** What is installed, loaded or not. */
    public List<PluginDescription> describe() {
        LathePluginManager current = manager;
        if (current == null) {
            return List.of();
        }
        List<PluginDescription> result = new ArrayList<>();
        synchronized (changes) {
            for (PluginWrapper plugin : current.getPlugins()) {
                result.add(describe(current, plugin));
            }
        }
        current.loadFailures().forEach((path, error) -> result.add(PluginDescription.failedToLoad(path, error)));
        return result;
    }

    /** One loaded plugin as the API lists it, with the change that waits for a restart, if any. */
    public PluginDescription describe(LathePluginManager current, PluginWrapper plugin) {
        List<String> waiting = new ArrayList<>();
        PendingPluginActions.Action action = pending == null ? null : pending.get(plugin.getPluginId());
        if (action != null) {
            waiting.add(action.name().toLowerCase());
        }
        if (isDisabledAtNextStart(current, plugin)) {
            waiting.add("disable");
        }
        return PluginDescription.of(plugin, current.getExtensionClassNames(plugin.getPluginId()),
                plugin.getPluginState() == PluginState.STARTED
                        ? current.getExtensions(plugin.getPluginId()) : List.of(), points,
                unmetRequirement(current, plugin), waiting.isEmpty() ? null : String.join(",", waiting),
                isBundled(plugin.getPluginId()));
    }

    /** A running plugin PF4J's {@code disabled.txt} names: an admin disabled it while it could not stop. */
    public static boolean isDisabledAtNextStart(LathePluginManager manager, PluginWrapper plugin) {
        return plugin.getPluginState() == PluginState.STARTED
                && manager.statusProvider().isPluginDisabled(plugin.getPluginId());
    }

    /** Why PF4J disabled a plugin without saying so: it needs another version of Lathe. */
    private static String unmetRequirement(LathePluginManager manager, PluginWrapper plugin) {
        String requires = plugin.getDescriptor().getRequires();
        if (plugin.getPluginState() != PluginState.DISABLED || requires == null || requires.isBlank()
                || manager.getVersionManager().checkVersionConstraint(manager.getSystemVersion(), requires)) {
            return null;
        }
        return "needs Lathe " + requires + "; this server is " + manager.getSystemVersion();
    }

    /** Ids of the plugins that are started, for the start-up banner. */
    public List<String> startedPluginIds() {
        LathePluginManager current = manager;
        return current == null ? List.of() : current.getStartedPlugins().stream()
                .map(p -> p.getPluginId() + " " + p.getDescriptor().getVersion()).toList();
    }

    @PreDestroy
    synchronized void stop() {
        if (manager != null) {
            // One by one over a copy: PF4J 3.15's stopPlugins() fails with several started plugins (pf4j#656).
            for (PluginWrapper plugin : List.copyOf(manager.getStartedPlugins())) {
                try {
                    manager.stopPlugin(plugin.getPluginId());
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "plugin " + plugin.getPluginId() + " did not stop cleanly", e);
                }
            }
        }
    }
}
