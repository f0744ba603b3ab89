package io.lathe.server.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Optional;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseMigratorTest {

    @TempDir
    Path folder;

    @Test
    void aDatabaseThatRefusesTheConnectionStopsTheStartNamingTheSettings() throws Exception {
        Path file = Files.writeString(folder.resolve("file"), "x");
        // A database file under a plain file can be neither opened nor made.
        // (and H2 is told not to try writing its trace file there, which it reports on standard error)
        String url = "jdbc:h2:file:" + file.resolve("db/lathe") + ";TRACE_LEVEL_FILE=0";
        StartupFailure failure = assertThrows(StartupFailure.class, migrator(url)::migrate);
        assertTrue(failure.getMessage().startsWith("the database at " + url + " refused the connection ("),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("LATHE_DB_URL, LATHE_DB_USER and LATHE_DB_PASSWORD"),
                failure.getMessage());
    }

    @Test
    void aDatabaseMigratedByANewerLatheIsRefusedBeforeAnythingIsWritten() throws Exception {
        DatabaseMigrator migrator = migrator("jdbc:h2:file:" + folder.resolve("db/lathe"));
        String known = migrator.migrate().targetSchemaVersion;
        try (Connection connection = migrator.dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\", "
                    + "\"description\", \"type\", \"script\", \"checksum\", \"installed_by\", \"execution_time\", "
                    + "\"success\") VALUES (999, '999', 'newer', 'SQL', 'V999__newer.sql', 0, 'lathe', 1, TRUE)");
        }
        StartupFailure failure = assertThrows(StartupFailure.class, migrator::migrate);
        assertTrue(failure.getMessage().contains("is at schema version 999, newer than the " + known + " this Lathe "),
                failure.getMessage());
        assertEquals("999", migrator.currentVersion());
    }

    private static DatabaseMigrator migrator(String url) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        dataSource.setUser("lathe");
        dataSource.setPassword("lathe");
        DatabaseMigrator migrator = new DatabaseMigrator();
        migrator.dataSource = dataSource;
        migrator.settings = new LatheSettings("/srv/lathe", 8080, url, Optional.empty());
        return migrator;
    }
}
