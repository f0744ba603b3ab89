package io.lathe.server.plugins.host;

import io.lathe.plugin.api.ExtensionFactory;
import io.lathe.server.plugins.points.ExtensionPoint;
import io.lathe.server.plugins.points.ExtensionPoints;
import io.lathe.server.plugins.points.PluginFaults;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginWrapper;

/**
 * A plugin as the API lists it: what its manifest says, its state, the extensions it contributes, and why it
 * failed if it did; {@code pendingAction} ({@code upgrade}, {@code uninstall}, {@code disable}) is a change an admin
 * made that waits for the next start of Lathe, which {@code restartRequired} then says. For admins,
 * {@code faultCount} is how many faults ({@link PluginFaults}) are kept for it, and {@code faults} the latest of them
 * when one plugin is asked for; both are left out elsewhere. {@code error} too is for admins only
 * ({@link #withoutError}).
 */
public record PluginDescription(
        String id,
        String version,
        String state,
        String provider,
        String description,
        String requires,
        List<String> dependencies,
        String file,
        List<Extension> extensions,
        String error,
        boolean bundled,
        String pendingAction,
        boolean restartRequired,
        Long faultCount,
        List<PluginFaults.FaultView> faults) {

    /** One extension factory a plugin contributes. */
    public record Extension(String point, String id, String name, String className) {
    }

    static PluginDescription of(PluginWrapper plugin, Set<String> extensionClassNames, List<?> started,
            ExtensionPoints points, String problem, String pendingAction, boolean bundled) {
        PluginDescriptor descriptor = plugin.getDescriptor();
        List<Extension> extensions = started.isEmpty()
                ? extensionClassNames.stream().sorted().map(name -> new Extension(null, null, null, name)).toList()
                : started.stream()
                        .filter(ExtensionFactory.class::isInstance)
                        .map(ExtensionFactory.class::cast)
                        .map(f -> new Extension(points.of(f).map(ExtensionPoint::id).orElse(null), f.id(), f.displayName(),
                                f.getClass().getName()))
                        .toList();
        Throwable failure = plugin.getFailedException();
        return new PluginDescription(
                plugin.getPluginId(),
                descriptor.getVersion(),
                plugin.getPluginState().toString().toLowerCase(),
                descriptor.getProvider(),
                descriptor.getPluginDescription(),
                descriptor.getRequires(),
                descriptor.getDependencies().stream().map(Object::toString).toList(),
                plugin.getPluginPath().getFileName().toString(),
                extensions,
                problem != null ? problem : failure != null ? LathePluginManager.describe(failure) : null,
                bundled, pendingAction, pendingAction != null, null, null);
    }

    static PluginDescription failedToLoad(Path path, String error) {
        return new PluginDescription(null, null, "failed", null, null, null, List.of(),
                path.getFileName().toString(), List.of(), error, false, null, false, null, null);
    }

    /**
     * The plugin as users who are not admins see it: without why it failed (a load error names files, classes and
     * paths of the server), and null for a jar that did not load at all (nothing about it is theirs to know).
     */
    public PluginDescription withoutError() {
        if (id == null) {
            return null;
        }
        return new PluginDescription(id, version, state, provider, description, requires, dependencies, file,
                extensions, null, bundled, pendingAction, restartRequired, faultCount, faults);
    }

    /** The same plugin with what admins see of its faults: how many are kept, and the latest when given. */
    public PluginDescription withFaults(long count, List<PluginFaults.FaultView> latest) {
        return new PluginDescription(id, version, state, provider, description, requires, dependencies, file,
                extensions, error, bundled, pendingAction, restartRequired, count, latest);
    }
}
