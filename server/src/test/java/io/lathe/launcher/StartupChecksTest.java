package io.lathe.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupChecksTest {

    @TempDir
    Path folder;

    @Test
    void aPortInUseIsNamedWithTheSettingToChange() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            StartupChecks.CannotStart failure = assertThrows(StartupChecks.CannotStart.class,
                    () -> StartupChecks.portFree(taken.getLocalPort()));
            assertTrue(failure.getMessage().contains("port " + taken.getLocalPort())
                    && failure.getMessage().contains("LATHE_PORT"), failure.getMessage());
        }
    }

    @Test
    void aDataFolderUnderAFileCannotBeMade() throws Exception {
        Path file = Files.writeString(folder.resolve("file"), "x");
        StartupChecks.CannotStart failure = assertThrows(StartupChecks.CannotStart.class,
                () -> StartupChecks.dataFolderWritable(file.resolve("home")));
        assertTrue(failure.getMessage().contains("LATHE_HOME"), failure.getMessage());
        StartupChecks.dataFolderWritable(folder.resolve("new/home"));
        assertTrue(Files.isDirectory(folder.resolve("new/home")));
        assertEquals(0, Files.list(folder.resolve("new/home")).count(), "the check leaves nothing behind");
    }

    @Test
    void aPluginFolderThatIsAFileIsRefusedAndAMissingOneIsFine() throws Exception {
        StartupChecks.pluginFolderReadable(folder);
        Files.writeString(folder.resolve("plugins"), "x");
        StartupChecks.CannotStart failure = assertThrows(StartupChecks.CannotStart.class,
                () -> StartupChecks.pluginFolderReadable(folder));
        assertTrue(failure.getMessage().contains(folder.resolve("plugins").toString()), failure.getMessage());
    }

    @Test
    void theHostsOfAPostgresqlUrlAreReadWithTheDefaultPort() {
        assertEquals(List.of(new InetSocketAddress("db1", 5433), new InetSocketAddress("db2", 5432)),
                StartupChecks.postgresqlAddresses("jdbc:postgresql://db1:5433,db2/lathe?ssl=true"));
        assertEquals(List.of(new InetSocketAddress("::1", 5432)),
                StartupChecks.postgresqlAddresses("jdbc:postgresql://[::1]/lathe"));
        assertEquals(List.of(), StartupChecks.postgresqlAddresses("jdbc:h2:file:/x"));
    }

    @Test
    void aDatabaseServerThatDoesNotAnswerIsNamedWithTheSettings() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        int port = closed;
        StartupChecks.CannotStart failure = assertThrows(StartupChecks.CannotStart.class,
                () -> StartupChecks.databaseReachable("jdbc:postgresql://127.0.0.1:" + port + "/lathe"));
        assertTrue(failure.getMessage().contains("127.0.0.1:" + port) && failure.getMessage().contains("LATHE_DB_URL"),
                failure.getMessage());
        StartupChecks.databaseReachable("jdbc:h2:file:/nowhere");
    }
}
