package io.lathe.server.plugins.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lathe.plugin.api.notify.NotifierFactory;
import io.lathe.server.it.TestPlugins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;

/** The plugin host's promises to plugins, on real plugin jars built in a temporary plugins folder. */
class LathePluginManagerTest {

    @TempDir
    Path plugins;

    private LathePluginManager started(TestPlugins.Spec spec) throws IOException {
        Files.write(plugins.resolve(spec.id() + ".jar"), TestPlugins.jar(spec));
        LathePluginManager manager = new LathePluginManager(plugins, "0.1.0");
        manager.loadPlugins();
        manager.startPlugins();
        assertEquals(PluginState.STARTED, manager.getPlugin(spec.id()).getPluginState());
        return manager;
    }

    /** The one notifier factory of plugin {@code id} (the test class path holds bundled plugins' factories too). */
    private static NotifierFactory only(PluginManager manager, String id) {
        List<NotifierFactory> factories = manager.getExtensions(NotifierFactory.class, id);
        assertEquals(1, factories.size(), factories.toString());
        return factories.get(0);
    }

    @Test
    void aJarWhoseExtensionIndexNamesAMissingClassIsNotLoadedAndItsFailureNamesTheClass() throws IOException {
        Path jar = Files.write(plugins.resolve("stale-index.jar"), TestPlugins.jarNamingAMissingExtension(
                TestPlugins.plugin("stale-index", "1.0.0"), "lathetest.gone.Vanished"));
        LathePluginManager manager = new LathePluginManager(plugins, "0.1.0");
        manager.loadPlugins();
        manager.startPlugins();

        assertEquals(null, manager.getPlugin("stale-index"), "not loaded, so never looked up");
        String failure = manager.loadFailures().get(jar);
        assertTrue(failure != null && failure.contains("lathetest.gone.Vanished"), String.valueOf(failure));
        assertTrue(ExtensionIndex.missingClass(jar).isPresent());
        Path sound = Files.write(plugins.resolve("sound.jar"), TestPlugins.jar(TestPlugins.plugin("sound", "1.0.0")));
        assertEquals(java.util.Optional.empty(), ExtensionIndex.missingClass(sound));
    }

    @Test
    void aFactoryIsMadeOncePerStartOfItsPlugin() throws IOException {
        LathePluginManager manager = started(TestPlugins.plugin("once", "1.0.0"));
        try {
            NotifierFactory first = only(manager, "once");
            assertSame(first, only(manager, "once"), "every lookup gets the same factory");
            assertSame(first, manager.getExtensions("once").get(0), "by plugin id too");

            manager.stopPlugin("once");
            assertTrue(manager.getExtensions(NotifierFactory.class, "once").isEmpty(),
                    "a stopped plugin offers none");
            manager.startPlugin("once");
            NotifierFactory restarted = only(manager, "once");
            assertNotSame(first, restarted, "a new start makes a new factory");
            assertSame(restarted, only(manager, "once"));

            ClassLoader before = manager.getPluginClassLoader("once");
            manager.unloadPlugin("once");
            manager.loadPlugin(plugins.resolve("once.jar"));
            manager.startPlugin("once");
            NotifierFactory reloaded = only(manager, "once");
            assertNotSame(restarted, reloaded);
            assertNotEquals(before, reloaded.getClass().getClassLoader(), "made from the new class loader");
            assertSame(reloaded, only(manager, "once"));
        } finally {
            manager.stopPlugin("once");
        }
    }

    @Test
    void aJarBundlingACopyOfThePluginApiStillGetsTheServersTypes() throws Exception {
        LathePluginManager manager = started(TestPlugins.plugin("bundles-api", "1.0.0").bundlingApiCopy());
        try (JarFile jar = new JarFile(plugins.resolve("bundles-api.jar").toFile())) {
            assertTrue(jar.getEntry(TestPlugins.API_COPY) != null, "the jar holds its own copy");
        }
        try {
            NotifierFactory factory = only(manager, "bundles-api");
            assertEquals("bundles-api-notifier", factory.id());
            ClassLoader plugin = manager.getPluginClassLoader("bundles-api");
            assertSame(NotifierFactory.class, plugin.loadClass(NotifierFactory.class.getName()));
            assertEquals(NotifierFactory.class.getClassLoader().getResource(TestPlugins.API_COPY),
                    plugin.getResource(TestPlugins.API_COPY), "the class file as a resource is the server's too");
            assertSame(org.pf4j.ExtensionPoint.class, plugin.loadClass(org.pf4j.ExtensionPoint.class.getName()));
        } finally {
            manager.stopPlugin("bundles-api");
        }
    }

    /** What the test above guards against: PF4J's own class loader takes the plugin's copy. */
    @Test
    void withPf4jsOwnClassLoaderSuchAJarShadowsThePluginApi() throws Exception {
        Files.write(plugins.resolve("shadows.jar"), TestPlugins.jar(TestPlugins.plugin("shadows", "1.0.0")
                .bundlingApiCopy()));
        PluginManager pf4j = new DefaultPluginManager(List.of(plugins));
        pf4j.loadPlugins();
        pf4j.startPlugins();
        try {
            assertNotSame(NotifierFactory.class,
                    pf4j.getPluginClassLoader("shadows").loadClass(NotifierFactory.class.getName()));
            assertTrue(pf4j.getExtensions(NotifierFactory.class, "shadows").isEmpty(),
                    "no factory the server could use");
        } finally {
            pf4j.stopPlugin("shadows");
        }
    }
}
