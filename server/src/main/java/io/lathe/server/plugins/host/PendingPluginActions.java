package io.lathe.server.plugins.host;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.logging.Logger;

/**
 * Plugin changes that wait for the next start because the plugin could not be stopped safely (a configured data
 * store or environment holds an instance of it, or other plugins depend on it). Kept in
 * {@code LATHE_HOME/plugins/pending-actions.properties} ({@code <plugin-id>=upgrade|uninstall}); the new jar of a
 * pending upgrade waits beside it as {@code <plugin-id>.jar.pending}, a name PF4J does not load. A disable that waits
 * needs no entry here: it is in PF4J's {@code disabled.txt}, which PF4J reads at the next start.
 */
public final class PendingPluginActions {

    static final String FILE = "pending-actions.properties";
    static final String PENDING_SUFFIX = ".jar.pending";
    private static final Logger LOG = Logger.getLogger(PendingPluginActions.class.getName());

    /** What waits for a restart. */
    public enum Action { UPGRADE, UNINSTALL }

    private final Path directory;
    private final Map<String, Action> actions = new TreeMap<>();

    PendingPluginActions(Path directory) {
        this.directory = directory;
        Path file = directory.resolve(FILE);
        if (Files.exists(file)) {
            Properties properties = new Properties();
            try (Reader in = Files.newBufferedReader(file)) {
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
            properties.forEach((id, action) -> actions.put((String) id,
                    Action.valueOf(((String) action).trim().toUpperCase())));
        }
    }

    /**
     * Carries out what waited for this start, before PF4J reads the folder: an upgrade's new jar replaces the old
     * file, an uninstalled plugin's file goes.
     *
     * @param fileOf the file a plugin id is installed as, if any
     */
    synchronized void applyAtStart(java.util.function.Function<String, Path> fileOf) {
        for (Map.Entry<String, Action> entry : Map.copyOf(actions).entrySet()) {
            String id = entry.getKey();
            try {
                Path installed = fileOf.apply(id);
                switch (entry.getValue()) {
                    case UPGRADE -> {
                        if (installed != null && !installed.equals(jarOf(id))) {
                            Files.deleteIfExists(installed);
                        }
                        Files.move(pendingJarOf(id), jarOf(id), StandardCopyOption.REPLACE_EXISTING);
                    }
                    case UNINSTALL -> {
                        if (installed != null) {
                            Files.deleteIfExists(installed);
                        }
                    }
                }
                LOG.info("plugin " + id + ": applied the pending " + entry.getValue().name().toLowerCase());
            } catch (IOException e) {
                LOG.warning("plugin " + id + ": the pending " + entry.getValue().name().toLowerCase()
                        + " failed: " + e);
            }
            actions.remove(id);
        }
        save();
    }

    public synchronized Action get(String id) {
        return actions.get(id);
    }

    public synchronized void put(String id, Action action) {
        actions.put(id, action);
        save();
    }

    public synchronized void remove(String id) {
        if (actions.remove(id) != null) {
            save();
        }
        try {
            Files.deleteIfExists(pendingJarOf(id));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path jarOf(String id) {
        return directory.resolve(id + ".jar");
    }

    public Path pendingJarOf(String id) {
        return directory.resolve(id + PENDING_SUFFIX);
    }

    private void save() {
        Properties properties = new Properties();
        actions.forEach((id, action) -> properties.setProperty(id, action.name().toLowerCase()));
        Path file = directory.resolve(FILE);
        Path temporary = directory.resolve(FILE + ".writing");
        try {
            if (actions.isEmpty()) {
                Files.deleteIfExists(file);
                return;
            }
            try (Writer out = Files.newBufferedWriter(temporary)) {
                properties.store(out, "plugin changes applied at the next start of Lathe");
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
