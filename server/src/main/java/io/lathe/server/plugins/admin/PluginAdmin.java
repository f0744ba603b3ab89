package io.lathe.server.plugins.admin;

import io.lathe.plugin.api.ExtensionFactory;
import io.lathe.server.audit.AuditLog;
import io.lathe.server.auth.Caller;
import io.lathe.server.platform.DomainException;
import io.lathe.server.platform.LatheSettings;
import io.lathe.server.platform.Limits;
import io.lathe.server.plugins.host.LathePluginManager;
import io.lathe.server.plugins.host.PendingPluginActions;
import io.lathe.server.plugins.host.PluginDescription;
import io.lathe.server.plugins.host.PluginHost;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.pf4j.PluginDependency;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/**
 * The administrator's plugin life cycle: install or upgrade from an uploaded jar, enable, disable, uninstall. Every
 * check runs before anything changes; a change applies at once when PF4J can stop and unload the plugin safely, and
 * otherwise waits for the next start ({@link PendingPluginActions}). Each change is written to the audit log.
 */
@ApplicationScoped
public class PluginAdmin {

    @Inject
    PluginHost host;
    @Inject
    @Any
    Instance<PluginHolders> pluginHolders;
    @Inject
    AuditLog audit;
    @Inject
    LatheSettings settings;
    @Inject
    Limits limits;
    @Inject
    UpdateSites sites;

    /** What a change did; the front doors say it in their own terms (an HTTP status for the API). */
    public enum Change {
        /** A plugin that was not installed is installed now. */
        INSTALLED,
        /** The change took effect now, or there was nothing to change. */
        CHANGED,
        /** The change is recorded and takes effect at the next start of Lathe. */
        RESTART_REQUIRED
    }

    /**
     * What a change did.
     *
     * @param message one sentence for the admin
     * @param restartRequired whether something about this plugin still waits for a restart (after a
     *     {@link Change#CHANGED} too, e.g. a disable asked for again)
     * @param plugin the plugin after the change; null when it was a file that never loaded
     */
    public record Outcome(Change change, String message, boolean restartRequired, PluginDescription plugin) {
        public Outcome {
            Objects.requireNonNull(change, "change");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * Installs the plugin jar read from {@code body}, or upgrades the installed plugin of the same id to it. The body
     * is streamed to a temporary file first and checked there; nothing in the plugins folder changes on refusal.
     */
    public Outcome install(InputStream body, Caller caller) {
        Path upload = temporaryJar();
        try {
            try (InputStream in = body; OutputStream out = Files.newOutputStream(upload)) {
                copyAtMost(in, out, limits.maxPluginBytes());
            } catch (IOException e) {
                throw DomainException.invalid("upload-failed", "the upload did not arrive whole: " + e.getMessage(),
                        "body");
            }
            synchronized (host.changes()) {
                return installFrom(upload, caller, null, Map.of("source", "upload"));
            }
        } finally {
            deleteQuietly(upload);
        }
    }

    /**
     * Installs or upgrades to a release from an update site: {@code version}, or the newest one this Lathe runs when
     * it is null. The jar is downloaded and its SHA-512 checked against the site's index before the checks every
     * upload passes; it must be the plugin and version the index says it is.
     */
    public Outcome installFromSite(String siteId, String pluginId, String version, Caller caller) {
        if (siteId == null || siteId.isBlank()) {
            throw DomainException.invalid("missing-site", "site is required: the id of an update site (GET"
                    + " /api/v1/admin/update-sites)", "site");
        }
        if (pluginId == null || pluginId.isBlank()) {
            throw DomainException.invalid("missing-id", "id is required: the plugin to install", "id");
        }
        UpdateSite site = sites.site(siteId);
        UpdateSiteIndex.Release release = sites.release(site, pluginId, version);
        Path download = temporaryJar();
        try {
            sites.download(site, release, download);
            synchronized (host.changes()) {
                return installFrom(download, caller, new Expected(pluginId, release.version()),
                        Map.of("source", "update site " + site.id()));
            }
        } finally {
            deleteQuietly(download);
        }
    }

    /** What an update site said a jar is; the jar's manifest must agree. */
    private record Expected(String id, String version) {
    }

    private Path temporaryJar() {
        try {
            return Files.createTempFile(settings.temporaryDirectory(), "plugin-", ".jar");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyAtMost(InputStream in, OutputStream out, long max) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            total += n;
            if (total > max) {
                throw new DomainException(DomainException.Kind.TOO_LARGE, "plugin-too-large", "the plugin jar"
                        + " is larger than " + max + " bytes, the limit " + Limits.MAX_PLUGIN_BYTES + " = " + max
                        + "; ask the administrator to raise it", "body");
            }
            out.write(buffer, 0, n);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the temporary folder is emptied at every start
        }
    }

    private Outcome installFrom(Path upload, Caller caller, Expected expected, Map<String, Object> source) {
        LathePluginManager manager = manager();
        PluginDescriptor plugin = PluginJarChecks.inspect(manager, upload);
        String id = plugin.getPluginId();
        if (expected != null && (!expected.id().equals(id) || !expected.version().equals(plugin.getVersion()))) {
            throw new DomainException(DomainException.Kind.CONFLICT, "index-mismatch", "the update site lists this jar as "
                    + expected.id() + " " + expected.version() + ", but its manifest says " + id + " "
                    + plugin.getVersion() + "; nothing was installed", "id");
        }
        PluginJarChecks.checkRequires(manager, plugin);
        PluginJarChecks.checkDependencies(manager, plugin);

        PluginWrapper installed = manager.getPlugin(id);
        PendingPluginActions pending = host.pending();
        if (installed == null) {
            Path target = pending.jarOf(id);
            if (Files.exists(target)) {
                throw DomainException.conflict("file-exists", "the plugins folder already holds " + target.getFileName()
                        + ", which did not load (see GET /api/v1/admin/plugins); remove it from the folder first");
            }
            pending.remove(id);
            manager.statusProvider().enablePlugin(id);
            PluginWrapper loaded = load(manager, upload, target);
            Map<String, Object> installDetails = new LinkedHashMap<>(source);
            installDetails.put("after", plugin.getVersion());
            audit.record(caller.username(), "plugin.install", id, installDetails);
            return new Outcome(Change.INSTALLED, "Installed " + id + " " + plugin.getVersion() + "; it is "
                    + state(loaded) + ".", false, host.describe(manager, loaded));
        }

        String before = installed.getDescriptor().getVersion();
        if (manager.getVersionManager().compareVersions(plugin.getVersion(), before) <= 0) {
            throw new DomainException(DomainException.Kind.CONFLICT, "not-newer", "plugin '" + id + "' " + before
                    + " is installed; install a newer version to upgrade it (this jar is " + plugin.getVersion() + ")",
                    "Plugin-Version");
        }
        for (PluginWrapper other : manager.getPlugins()) {
            for (PluginDependency dependency : other.getDescriptor().getDependencies()) {
                if (dependency.getPluginId().equals(id) && !"*".equals(dependency.getPluginVersionSupport())
                        && !manager.getVersionManager().checkVersionConstraint(plugin.getVersion(),
                                dependency.getPluginVersionSupport())) {
                    throw new DomainException(DomainException.Kind.CONFLICT, "breaks-dependent", "plugin '"
                            + other.getPluginId() + "' needs " + id + " " + dependency.getPluginVersionSupport()
                            + ", which " + plugin.getVersion() + " is not; upgrade or remove it first",
                            "Plugin-Version");
                }
            }
        }
        Map<String, Object> details = new LinkedHashMap<>(source);
        details.put("before", before);
        details.put("after", plugin.getVersion());
        List<String> holders = holders(manager, installed, true);
        if (!holders.isEmpty()) {
            move(upload, pending.pendingJarOf(id));
            pending.put(id, PendingPluginActions.Action.UPGRADE);
            details.put("restart_required", true);
            audit.record(caller.username(), "plugin.upgrade", id, details);
            return new Outcome(Change.RESTART_REQUIRED, "Restart required: " + id + " " + plugin.getVersion()
                    + " replaces " + before + " at the next start of Lathe, because " + String.join(", ", holders) + " "
                    + (holders.size() == 1 ? "uses" : "use") + " it.", true, host.describe(manager, installed));
        }
        boolean disabled = installed.getPluginState() == PluginState.DISABLED;
        Path old = installed.getPluginPath();
        manager.unloadPlugin(id);
        pending.remove(id);
        try {
            if (!old.equals(pending.jarOf(id))) {
                Files.deleteIfExists(old);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PluginWrapper loaded = load(manager, upload, pending.jarOf(id));
        audit.record(caller.username(), "plugin.upgrade", id, details);
        return new Outcome(Change.CHANGED, "Upgraded " + id + " from " + before + " to " + plugin.getVersion()
                + "; it is " + (disabled ? "disabled, as it was" : state(loaded)) + ".", false,
                host.describe(manager, loaded));
    }

    /** Moves the checked jar into the plugins folder and has PF4J load and start it. */
    private PluginWrapper load(LathePluginManager manager, Path upload, Path target) {
        move(upload, target);
        manager.forgetFailure(target);
        String id;
        try {
            id = manager.loadPlugin(target);
        } catch (RuntimeException e) {
            manager.forgetFailure(target);
            try {
                Files.deleteIfExists(target);
            } catch (IOException ignored) {
                // reported below either way
            }
            throw DomainException.invalid("not-loadable", "PF4J could not load the plugin: "
                    + LathePluginManager.describe(e), "body");
        }
        PluginWrapper plugin = manager.getPlugin(id);
        if (plugin.getPluginState() != PluginState.DISABLED) {
            manager.startPlugin(id);
        }
        return plugin;
    }

    /** Enables a disabled plugin and starts it, or cancels a disable that waited for a restart. */
    public Outcome enable(String id, Caller caller) {
        synchronized (host.changes()) {
            return enableLocked(id, caller);
        }
    }

    private Outcome enableLocked(String id, Caller caller) {
        LathePluginManager manager = manager();
        PluginWrapper plugin = plugin(manager, id);
        if (PluginHost.isDisabledAtNextStart(manager, plugin)) {
            manager.statusProvider().enablePlugin(id);
            audit.record(caller.username(), "plugin.enable", id, Map.of("before", "disable pending",
                    "after", state(plugin)));
            return new Outcome(Change.CHANGED, "The pending disable of " + id + " is cancelled; it keeps running.",
                    false, host.describe(manager, plugin));
        }
        if (plugin.getPluginState() == PluginState.STARTED) {
            return new Outcome(Change.CHANGED, id + " is started already.", false, host.describe(manager, plugin));
        }
        PluginJarChecks.checkRequires(manager, plugin.getDescriptor());
        PluginJarChecks.checkDependencies(manager, plugin.getDescriptor());
        String before = state(plugin);
        if (plugin.getPluginState() == PluginState.DISABLED && !manager.enablePlugin(id)) {
            throw DomainException.conflict("not-enabled", "PF4J refused to enable " + id + "; see the server log");
        }
        manager.startPlugin(id);
        audit.record(caller.username(), "plugin.enable", id, Map.of("before", before, "after", state(plugin)));
        return new Outcome(Change.CHANGED, "Enabled " + id + "; it is " + state(plugin) + ".", false,
                host.describe(manager, plugin));
    }

    /**
     * Stops a plugin and marks it disabled (kept over restarts, in PF4J's {@code disabled.txt}). Refused for a plugin
     * that makes the default data store or environment, or that a running plugin depends on; a plugin with live
     * instances stays running until the next start.
     */
    public Outcome disable(String id, Caller caller) {
        synchronized (host.changes()) {
            return disableLocked(id, caller);
        }
    }

    private Outcome disableLocked(String id, Caller caller) {
        LathePluginManager manager = manager();
        PluginWrapper plugin = plugin(manager, id);
        boolean waiting = PluginHost.isDisabledAtNextStart(manager, plugin);
        if (plugin.getPluginState() == PluginState.DISABLED || waiting) {
            return new Outcome(Change.CHANGED, id + " is disabled already" + (waiting ? " at the next start" : "")
                    + ".", waiting, host.describe(manager, plugin));
        }
        refuseIfNeeded(manager, plugin, "disabled", false);
        String before = state(plugin);
        List<String> holders = holders(manager, plugin, false);
        if (!holders.isEmpty()) {
            manager.statusProvider().disablePlugin(id);
            audit.record(caller.username(), "plugin.disable", id, Map.of("before", before,
                    "after", "disabled at the next start", "restart_required", true));
            return new Outcome(Change.RESTART_REQUIRED, "Restart required: " + id + " is marked disabled and stops"
                    + " at the next start of Lathe, because " + String.join(", ", holders) + " "
                    + (holders.size() == 1 ? "uses" : "use") + " it.", true, host.describe(manager, plugin));
        }
        manager.disablePlugin(id);
        audit.record(caller.username(), "plugin.disable", id, Map.of("before", before, "after", state(plugin)));
        return new Outcome(Change.CHANGED, "Disabled " + id + "; it is stopped.", false,
                host.describe(manager, plugin));
    }

    /**
     * Stops, unloads and deletes a plugin. Refused for the bundled plugins (they come back at every start: disable
     * them instead) and for what {@link #disable} refuses; a plugin with live instances goes at the next start.
     */
    public Outcome uninstall(String id, Caller caller) {
        synchronized (host.changes()) {
            return uninstallLocked(id, caller);
        }
    }

    private Outcome uninstallLocked(String id, Caller caller) {
        LathePluginManager manager = manager();
        PluginWrapper plugin = plugin(manager, id);
        if (host.isBundled(id)) {
            throw DomainException.conflict("bundled", "plugin '" + id + "' ships with Lathe and is installed again at"
                    + " every start; disable it instead");
        }
        refuseIfNeeded(manager, plugin, "uninstalled", true);
        PendingPluginActions pending = host.pending();
        String version = plugin.getDescriptor().getVersion();
        List<String> holders = holders(manager, plugin, true);
        if (!holders.isEmpty()) {
            pending.remove(id);
            pending.put(id, PendingPluginActions.Action.UNINSTALL);
            audit.record(caller.username(), "plugin.uninstall", id, Map.of("before", version,
                    "after", "removed at the next start", "restart_required", true));
            return new Outcome(Change.RESTART_REQUIRED, "Restart required: " + id + " is removed at the next start"
                    + " of Lathe, because " + String.join(", ", holders) + " " + (holders.size() == 1 ? "uses" : "use")
                    + " it.", true, host.describe(manager, plugin));
        }
        PluginDescription last = host.describe(manager, plugin);
        if (!manager.deletePlugin(id)) {
            throw DomainException.conflict("not-deleted", "PF4J could not delete " + id + "; see the server log");
        }
        manager.statusProvider().enablePlugin(id);
        pending.remove(id);
        audit.record(caller.username(), "plugin.uninstall", id, Map.of("before", version, "after", "removed"));
        return new Outcome(Change.CHANGED, "Uninstalled " + id + " " + version + ".", false, last);
    }

    /**
     * Deletes a jar in the plugins folder that did not load (not a plugin, a broken manifest, an unmet dependency):
     * such a file has no plugin id to uninstall by. Only files PF4J reported as failed are taken, by name, so no
     * other file can be reached this way.
     */
    public Outcome removeFailedFile(String file, Caller caller) {
        synchronized (host.changes()) {
            LathePluginManager manager = manager();
            Map.Entry<Path, String> failed = manager.loadFailures().entrySet().stream()
                    .filter(e -> e.getKey().getFileName() != null && e.getKey().getFileName().toString().equals(file))
                    .findFirst().orElseThrow(() -> new DomainException(DomainException.Kind.NOT_FOUND, "not-found",
                            "no file '" + file + "' in the plugins folder failed to load; a plugin that loaded is"
                                    + " uninstalled by its id (DELETE /api/v1/admin/plugins/{id})", "file"));
            try {
                Files.deleteIfExists(failed.getKey());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + failed.getKey(), e);
            }
            manager.forgetFailure(failed.getKey());
            audit.record(caller.username(), "plugin.remove-file", file, Map.of("before", failed.getValue(),
                    "after", "removed"));
            return new Outcome(Change.CHANGED, "Removed " + file + " from the plugins folder.", false, null);
        }
    }

    /**
     * Refuses to take away a plugin the default data store or environment, or another plugin, needs: an enabled one
     * for a disable; for an uninstall any loaded one, since PF4J unloads the dependents of what it unloads.
     */
    private void refuseIfNeeded(LathePluginManager manager, PluginWrapper plugin, String what, boolean anyDependent) {
        String id = plugin.getPluginId();
        if (plugin.getPluginState() == PluginState.STARTED) {
            List<ExtensionFactory<?>> factories = manager.getExtensions(id).stream()
                    .filter(ExtensionFactory.class::isInstance).map(e -> (ExtensionFactory<?>) e).toList();
            List<String> defaults = pluginHolders.stream().flatMap(h -> h.neededFrom(factories).stream()).toList();
            if (!defaults.isEmpty()) {
                throw DomainException.conflict("needed-by-default", "plugin '" + id + "' makes the default "
                        + String.join(" and ", defaults) + ", which Lathe runs on; it cannot be " + what);
            }
        }
        List<String> dependents = manager.getPlugins().stream()
                .filter(p -> anyDependent
                        || p.getPluginState() != PluginState.DISABLED && p.getPluginState() != PluginState.FAILED)
                .filter(p -> p.getDescriptor().getDependencies().stream()
                        .anyMatch(d -> d.getPluginId().equals(id) && (anyDependent || !d.isOptional())))
                .map(PluginWrapper::getPluginId).sorted().toList();
        if (!dependents.isEmpty()) {
            throw DomainException.conflict("has-dependents", "plugin '" + String.join("', '", dependents)
                    + "' depends on '" + id + "'; disable or uninstall " + (dependents.size() == 1 ? "it" : "them")
                    + " first");
        }
    }

    /**
     * What keeps a plugin from being stopped now: live configured instances made by it, and plugins that depend on
     * it: running ones (stopping it would stop them too) or, when it is to be unloaded ({@code unloading}), any
     * loaded one (PF4J would unload them with it).
     */
    private List<String> holders(LathePluginManager manager, PluginWrapper plugin, boolean unloading) {
        List<String> holders = new ArrayList<>(pluginHolders.stream()
                .flatMap(h -> h.liveFrom(plugin.getPluginClassLoader()).stream()).toList());
        manager.getPlugins().stream()
                .filter(p -> unloading || p.getPluginState() == PluginState.STARTED)
                .filter(p -> p.getDescriptor().getDependencies().stream()
                        .anyMatch(d -> d.getPluginId().equals(plugin.getPluginId())))
                .forEach(p -> holders.add("plugin '" + p.getPluginId() + "'"));
        return holders;
    }

    private static PluginWrapper plugin(LathePluginManager manager, String id) {
        PluginWrapper plugin = manager.getPlugin(id);
        if (plugin == null) {
            throw DomainException.notFound("plugin", id);
        }
        return plugin;
    }

    private LathePluginManager manager() {
        LathePluginManager manager = host.manager();
        if (manager == null) {
            throw new DomainException(DomainException.Kind.UNAVAILABLE, "starting", "plugins are still loading",
                    null);
        }
        return manager;
    }

    private static String state(PluginWrapper plugin) {
        return plugin.getPluginState().toString().toLowerCase();
    }

    private static void move(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the plugin into " + to, e);
        }
    }
}
