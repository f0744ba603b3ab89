package io.lathe.plugin.api.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestPluginContextTest {

    @TempDir
    Path tempDir;

    @Test
    void createsItsWorkDirectory() {
        Path work = tempDir.resolve("a/b/work");

        TestPluginContext context = new TestPluginContext(work);

        assertEquals(work, context.workDirectory());
        assertTrue(Files.isDirectory(work));
    }

    @Test
    void aFixedClockStandsStill() {
        Instant instant = Instant.parse("2025-06-01T12:00:00Z");

        TestPluginContext context = new TestPluginContext(tempDir).fixedAt(instant);

        assertEquals(instant, context.clock().instant());
        assertEquals(instant, context.clock().instant());
    }

    @Test
    void theBaseUrlDefaultsToLocalhostAndCanBeChanged() {
        TestPluginContext context = new TestPluginContext(tempDir);

        assertEquals(URI.create("http://localhost:8080/"), context.baseUrl());
        assertEquals(URI.create("https://lathe.example.com/"),
                context.withBaseUrl(URI.create("https://lathe.example.com/")).baseUrl());
    }

    @Test
    void theLoggerKeepsFormattedMessagesSharedByCopies() {
        TestPluginContext context = new TestPluginContext(tempDir);
        TestPluginContext copy = context.fixedAt(Instant.EPOCH);

        context.logger().log(System.Logger.Level.INFO, "plain");
        copy.logger().log(System.Logger.Level.WARNING, "stored {0} objects in {1}", 3, "root");

        assertEquals(List.of("INFO plain", "WARNING stored 3 objects in root"), context.loggedMessages());
    }
}
