package io.lathe.server.plugins.host;

import java.io.IOException;
import java.net.URL;
import java.util.Enumeration;
import java.util.List;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;

/**
 * A plugin's class loader that takes the plugin API ({@code io.lathe.plugin.api}) and PF4J ({@code org.pf4j}) from
 * the server, whatever the plugin's jar bundles; everything else it looks for in the plugin first, as PF4J's does.
 * PF4J's own loader asks the server first only for {@code java.*} and most of {@code org.pf4j.*}: a jar that bundles
 * copies of plugin-api classes would get its own copies, and its factories would implement interfaces the server does
 * not know. The same holds for resources (a class file read as a resource), so that both views agree.
 */
final class ServerFirstClassLoader extends PluginClassLoader {

    /** The packages, with their sub-packages, that only the server defines, as class-name prefixes. */
    static final List<String> SERVER_PACKAGES = List.of("io.lathe.plugin.api.", "org.pf4j.");

    private static final List<String> SERVER_RESOURCES = SERVER_PACKAGES.stream()
            .map(prefix -> prefix.replace('.', '/')).toList();

    /** A loader for one plugin whose parent is the server's class loader (which holds plugin-api and PF4J). */
    ServerFirstClassLoader(PluginManager manager, PluginDescriptor plugin) {
        super(manager, plugin, ServerFirstClassLoader.class.getClassLoader());
    }

    @Override
    public Class<?> loadClass(String className) throws ClassNotFoundException {
        if (SERVER_PACKAGES.stream().anyMatch(className::startsWith)) {
            return getParent().loadClass(className);
        }
        return super.loadClass(className);
    }

    @Override
    public URL getResource(String name) {
        return isServers(name) ? getParent().getResource(name) : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        return isServers(name) ? getParent().getResources(name) : super.getResources(name);
    }

    private static boolean isServers(String resource) {
        String path = resource.startsWith("/") ? resource.substring(1) : resource;
        return SERVER_RESOURCES.stream().anyMatch(path::startsWith);
    }
}
