package io.lathe.plugins.storage.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lathe.plugin.api.config.Settings;
import io.lathe.plugin.api.storage.StorageBackend;
import io.lathe.plugin.api.storage.StorageBackendFactory;
import io.lathe.plugin.api.testkit.PatternInputStream;
import io.lathe.plugin.api.testkit.TestPluginContext;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;

/**
 * The built plugin jar as the server uses it: loaded by PF4J, with the SDK only inside the jar (the build keeps it
 * off this test's class path), called from a thread whose context class loader cannot see the SDK (as a request
 * thread of the server cannot), in a JVM whose heap is smaller than the object it uploads (the build sets -Xmx).
 */
class S3PluginJarIT {

    private static final long MIB = 1024 * 1024;

    @Test
    @Timeout(600)
    void theBundledJarStoresAnObjectLargerThanTheHeapThroughPf4j(@TempDir Path tempDir) throws Exception {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("software.amazon.awssdk.services.s3.S3Client"),
                "the SDK is on the test's class path: this test would not show that the jar carries it");
        long heap = Runtime.getRuntime().maxMemory();
        long size = 2 * heap + 3 * MIB + 5;

        Path plugins = Files.createDirectories(tempDir.resolve("plugins"));
        Files.copy(Path.of(System.getProperty("lathe.plugin.jar")), plugins.resolve("storage-s3.jar"));
        PluginManager manager = new DefaultPluginManager(List.of(plugins));
        manager.setSystemVersion("0.1.0");
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (S3ProxyServer server = S3ProxyServer.onDisk(Files.createDirectories(tempDir.resolve("s3")));
                URLClassLoader blind = new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader())) {
            manager.loadPlugins();
            manager.startPlugins();
            assertEquals(PluginState.STARTED, manager.getPlugin("storage-s3").getPluginState());
            List<StorageBackendFactory> factories = manager.getExtensions(StorageBackendFactory.class, "storage-s3");
            assertEquals(List.of("s3"), factories.stream().map(StorageBackendFactory::id).toList());
            StorageBackendFactory factory = factories.get(0);

            Thread.currentThread().setContextClassLoader(blind);
            Map<String, String> given = server.settings(server.createBucket(), Map.of("part-size-mib", "8"));
            try (StorageBackend backend = factory.create(Settings.of(factory.configProperties(), given),
                    new TestPluginContext(tempDir.resolve("work")))) {
                assertEquals(size, backend.put("large.bin", new PatternInputStream(size, 11), -1).size());

                try (InputStream in = backend.open("large.bin", 0)) {
                    assertEquals(PatternInputStream.sha256(size, 11), PatternInputStream.sha256(in));
                }
                assertTrue(backend.presignedDownload("large.bin", java.time.Duration.ofMinutes(1)).isPresent());
            }
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
            manager.stopPlugin("storage-s3");
            manager.unloadPlugins();
        }
    }
}
