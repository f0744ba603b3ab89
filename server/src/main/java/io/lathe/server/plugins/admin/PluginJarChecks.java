package io.lathe.server.plugins.admin;

import io.lathe.server.platform.DomainException;
import io.lathe.server.platform.LatheSettings;
import io.lathe.server.plugins.host.ExtensionIndex;
import io.lathe.server.plugins.host.LathePluginManager;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import org.pf4j.ManifestPluginDescriptorFinder;
import org.pf4j.PluginDependency;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/**
 * The checks a plugin jar passes before anything changes: it is a PF4J plugin Lathe can load, its
 * {@code Plugin-Requires} range takes this Lathe, and the plugins it needs are there, of a version it takes, started.
 * Each refusal says what the plugin needs.
 */
final class PluginJarChecks {

    private static final Pattern PLUGIN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private PluginJarChecks() {
    }

    /** Checks the jar is a PF4J plugin Lathe can load, and reads its descriptor. */
    static PluginDescriptor inspect(LathePluginManager manager, Path upload) {
        Manifest manifest;
        boolean hasIndex;
        boolean hasPluginClass;
        try (JarFile jar = new JarFile(upload.toFile())) {
            manifest = jar.getManifest();
            hasIndex = jar.getEntry(ExtensionIndex.PATH) != null;
            String pluginClass = manifest == null ? null
                    : manifest.getMainAttributes().getValue(ManifestPluginDescriptorFinder.PLUGIN_CLASS);
            hasPluginClass = pluginClass != null && !pluginClass.isBlank()
                    && jar.getEntry(pluginClass.trim().replace('.', '/') + ".class") != null;
            if (pluginClass != null && !pluginClass.isBlank() && !hasPluginClass) {
                throw DomainException.invalid("missing-plugin-class", "the manifest names Plugin-Class "
                        + pluginClass.trim() + ", which is not in the jar", "Plugin-Class");
            }
        } catch (IOException e) {
            throw DomainException.invalid("not-a-jar", "the body is not a jar file: send a PF4J plugin .jar as the"
                    + " request body (Content-Type: application/java-archive)", "body");
        }
        Attributes main = manifest == null ? new Attributes() : manifest.getMainAttributes();
        String id = main.getValue(ManifestPluginDescriptorFinder.PLUGIN_ID);
        if (id == null || id.isBlank()) {
            throw DomainException.invalid("not-a-plugin", "the jar's META-INF/MANIFEST.MF has no Plugin-Id: a Lathe"
                    + " plugin names Plugin-Id and Plugin-Version, and Plugin-Class or an extension index"
                    + " (META-INF/extensions.idx)", "Plugin-Id");
        }
        if (!PLUGIN_ID.matcher(id.trim()).matches()) {
            throw DomainException.invalid("invalid-plugin-id", "Plugin-Id '" + id.trim() + "' may hold only letters,"
                    + " digits, '.', '-' and '_' (at most 100)", "Plugin-Id");
        }
        String version = main.getValue(ManifestPluginDescriptorFinder.PLUGIN_VERSION);
        if (version == null || version.isBlank()) {
            throw DomainException.invalid("missing-version", "the manifest has no Plugin-Version (a semantic version"
                    + " such as 1.0.0)", "Plugin-Version");
        }
        try {
            manager.getVersionManager().compareVersions(version.trim(), "0.0.0");
        } catch (RuntimeException e) {
            throw DomainException.invalid("invalid-version", "Plugin-Version '" + version.trim()
                    + "' is not a semantic version such as 1.0.0", "Plugin-Version");
        }
        if (!hasIndex && !hasPluginClass) {
            throw DomainException.invalid("no-extensions", "the jar has neither a Plugin-Class nor an extension index"
                    + " (META-INF/extensions.idx), so it could contribute nothing", "Plugin-Class");
        }
        Optional<String> missingExtension;
        try {
            missingExtension = ExtensionIndex.missingClass(upload);
        } catch (IOException e) {
            throw DomainException.invalid("invalid-extension-index", "the jar's " + ExtensionIndex.PATH
                    + " cannot be read: " + (e.getMessage() == null ? "the jar is damaged" : e.getMessage()),
                    ExtensionIndex.PATH);
        }
        if (missingExtension.isPresent()) {
            throw DomainException.invalid("missing-extension-class", missingExtension.get() + "; build the plugin"
                    + " again so that the index and the classes match", ExtensionIndex.PATH);
        }
        try {
            return new ManifestPluginDescriptorFinder().find(upload);
        } catch (RuntimeException e) {
            throw DomainException.invalid("invalid-manifest", "the plugin manifest cannot be read: "
                    + LathePluginManager.describe(e), "Plugin-Dependencies");
        }
    }

    /** Refuses (409) a plugin whose Plugin-Requires range this Lathe does not meet, saying what it needs. */
    static void checkRequires(LathePluginManager manager, PluginDescriptor plugin) {
        String requires = plugin.getRequires();
        if (requires == null || requires.isBlank() || "*".equals(requires.trim())) {
            return;
        }
        boolean met;
        try {
            met = manager.getVersionManager().checkVersionConstraint(LatheSettings.SYSTEM_VERSION, requires);
        } catch (RuntimeException e) {
            throw DomainException.invalid("invalid-requires", "Plugin-Requires '" + requires + "' is not a version"
                    + " range such as >=0.1.0 or ^1.2", "Plugin-Requires");
        }
        if (!met) {
            throw new DomainException(DomainException.Kind.CONFLICT, "lathe-version", "plugin '" + plugin.getPluginId() + "' "
                    + plugin.getVersion() + " needs Lathe " + requires + "; this server is Lathe "
                    + LatheSettings.VERSION, "Plugin-Requires");
        }
    }

    /** Refuses (409) a plugin whose required plugins are missing, of another version or not started. */
    static void checkDependencies(LathePluginManager manager, PluginDescriptor plugin) {
        for (PluginDependency dependency : plugin.getDependencies()) {
            if (dependency.isOptional()) {
                continue;
            }
            String range = dependency.getPluginVersionSupport();
            String needs = "plugin '" + plugin.getPluginId() + "' needs plugin '" + dependency.getPluginId() + "'"
                    + ("*".equals(range) ? "" : " " + range);
            PluginWrapper target = manager.getPlugin(dependency.getPluginId());
            if (target == null) {
                throw new DomainException(DomainException.Kind.CONFLICT, "missing-dependency", needs
                        + ", which is not installed; install it first", "Plugin-Dependencies");
            }
            String version = target.getDescriptor().getVersion();
            if (!"*".equals(range) && !manager.getVersionManager().checkVersionConstraint(version, range)) {
                throw new DomainException(DomainException.Kind.CONFLICT, "dependency-version", needs + ", but "
                        + version + " is installed", "Plugin-Dependencies");
            }
            if (target.getPluginState() != PluginState.STARTED) {
                throw new DomainException(DomainException.Kind.CONFLICT, "dependency-not-started", needs + ", which is "
                        + target.getPluginState().toString().toLowerCase() + "; enable it first",
                        "Plugin-Dependencies");
            }
        }
    }
}
