package io.lathe.server.plugins.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The changes that wait for a restart survive it and are carried out before PF4J reads the plugins folder. */
class PendingPluginActionsTest {

    @TempDir
    Path plugins;

    @Test
    void aWaitingUpgradeReplacesTheOldFileAndAnUninstallRemovesItAtTheNextStart() throws IOException {
        Files.writeString(plugins.resolve("alpha-old-name.jar"), "alpha 1.0.0");
        Files.writeString(plugins.resolve("beta.jar"), "beta");
        PendingPluginActions running = new PendingPluginActions(plugins);
        Files.writeString(running.pendingJarOf("alpha"), "alpha 1.1.0");
        running.put("alpha", PendingPluginActions.Action.UPGRADE);
        running.put("beta", PendingPluginActions.Action.UNINSTALL);

        PendingPluginActions restarted = new PendingPluginActions(plugins);
        assertEquals(PendingPluginActions.Action.UPGRADE, restarted.get("alpha"), "kept on disk over the restart");
        Map<String, Path> files = Map.of("alpha", plugins.resolve("alpha-old-name.jar"),
                "beta", plugins.resolve("beta.jar"));
        restarted.applyAtStart(files::get);

        assertEquals("alpha 1.1.0", Files.readString(plugins.resolve("alpha.jar")));
        assertFalse(Files.exists(plugins.resolve("alpha-old-name.jar")));
        assertFalse(Files.exists(plugins.resolve("alpha" + PendingPluginActions.PENDING_SUFFIX)));
        assertFalse(Files.exists(plugins.resolve("beta.jar")));
        assertNull(restarted.get("alpha"));
        assertFalse(Files.exists(plugins.resolve(PendingPluginActions.FILE)), "nothing is left waiting");
    }

    @Test
    void cancellingAWaitingUpgradeDeletesItsJar() throws IOException {
        PendingPluginActions pending = new PendingPluginActions(plugins);
        Files.writeString(pending.pendingJarOf("alpha"), "alpha 1.1.0");
        pending.put("alpha", PendingPluginActions.Action.UPGRADE);
        pending.remove("alpha");
        assertNull(new PendingPluginActions(plugins).get("alpha"));
        assertFalse(Files.exists(pending.pendingJarOf("alpha")));
    }
}
