package io.lathe.server.instances;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;

/**
 * The migration that moves the configured instances of every point into one table, run on H2 and on PostgreSQL
 * ({@code 127.0.0.1:5432}, trust authentication; that half is skipped when none answers): the rows of the three
 * tables the points had move over, and every column that names an instance keeps a foreign key to the right point.
 */
class ConfiguredInstanceMigrationTest {

    private static final String MIGRATION = "14";

    @Test
    void onH2() throws SQLException {
        migrateAndCheck("jdbc:h2:mem:migration-" + ThreadLocalRandom.current().nextInt(1 << 30)
                + ";MODE=LEGACY;DB_CLOSE_DELAY=-1", "sa");
    }

    @Test
    void onPostgresql() throws SQLException {
        String server = "jdbc:postgresql://127.0.0.1:5432/";
        String database = "lathe_migration_" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 30));
        try (Connection admin = DriverManager.getConnection(server + "postgres", "postgres", "")) {
            execute(admin, "CREATE DATABASE " + database);
        } catch (SQLException e) {
            assumeTrue(false, "no PostgreSQL on 127.0.0.1:5432: " + e.getMessage());
        }
        try {
            migrateAndCheck(server + database, "postgres");
        } finally {
            try (Connection admin = DriverManager.getConnection(server + "postgres", "postgres", "")) {
                execute(admin, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }

    private static void migrateAndCheck(String url, String user) throws SQLException {
        // Up to the migration before it, whichever that is, with rows as a server of that version left them.
        MigrationVersion before = Arrays.stream(flyway(url, user).load().info().all()).map(MigrationInfo::getVersion)
                .filter(version -> version.isNewerThan("0") && !version.isAtLeast(MIGRATION))
                .max(MigrationVersion::compareTo).orElseThrow();
        flyway(url, user).target(before).load().migrate();
        try (Connection db = DriverManager.getConnection(url, user, "")) {
            execute(db, "INSERT INTO lathe_user (id, username, role, password_hash, created_at, disabled)"
                    + " VALUES ('u', 'u', 'admin', 'x', 0, FALSE)");
            execute(db, "INSERT INTO data_store VALUES ('local', 'local', '{\"root\":\"/data\"}', 1)");
            execute(db, "INSERT INTO data_store VALUES ('archive', 's3', '{\"bucket\":\"b\"}', 2)");
            execute(db, "INSERT INTO compute_environment VALUES ('local', 'local', '{}', 3)");
            execute(db, "INSERT INTO notification_channel VALUES ('ops', 'webhook', '{\"url\":\"u\"}', 4)");
            execute(db, "INSERT INTO project (id, name, description, owner_id, default_store, default_environment,"
                    + " last_counter, created_at) VALUES ('p', 'p', '', 'u', 'archive', 'local', 1, 0)");
            execute(db, "INSERT INTO code_commit VALUES ('p', 'c', 's', 1, 'archive', 'k', 'y', 'u', 0)");
            execute(db, "INSERT INTO execution (id, project_id, counter, commit_id, step_name, step_json,"
                    + " parameters_json, command, image, environment, status, creator_id, created_at)"
                    + " VALUES ('e', 'p', 1, 'c', 's', '{}', '{}', 'c', 'i', 'local', 'COMPLETE', 'u', 0)");
            execute(db, "INSERT INTO datum (id, project_id, name, size, sha256, content_type, store, storage_key,"
                    + " creator_id, created_at) VALUES ('d', 'p', 'n', 1, 's', 't', 'archive', 'k', 'u', 0)");
        }

        flyway(url, user).load().migrate();

        try (Connection db = DriverManager.getConnection(url, user, "")) {
            assertEquals(List.of("compute local local {} 3", "notifier ops webhook {\"url\":\"u\"} 4",
                    "storage archive s3 {\"bucket\":\"b\"} 2", "storage local local {\"root\":\"/data\"} 1"),
                    rows(db, "SELECT point, name, factory, settings, created_at FROM configured_instance"
                            + " ORDER BY point, name"));
            assertEquals(List.of("p archive local"), rows(db, "SELECT p.id, s.name, e.name FROM project p"
                    + " JOIN configured_instance s ON s.point = 'storage' AND s.name = p.default_store"
                    + " JOIN configured_instance e ON e.point = 'compute' AND e.name = p.default_environment"));

            execute(db, "INSERT INTO configured_instance VALUES ('compute', 'gpu', 'local', '{}', 5)");
            execute(db, "UPDATE project SET default_environment = 'gpu'");
            assertRefused(db, "UPDATE project SET default_environment = 'ops'", "a channel is no environment");
            assertRefused(db, "UPDATE project SET default_store = 'gpu'", "an environment is no data store");
            assertRefused(db, "UPDATE project SET default_store_point = 'compute', default_store = 'gpu'",
                    "the point a column names is fixed");
            assertRefused(db, "UPDATE execution SET environment = 'nope'", "an execution's environment exists");
            assertRefused(db, "UPDATE datum SET store = 'local-2'", "a datum's data store exists");
            assertRefused(db, "DELETE FROM configured_instance WHERE point = 'storage' AND name = 'archive'",
                    "a data store that datums and projects name stays");
            assertRefused(db, "DELETE FROM configured_instance WHERE point = 'compute' AND name = 'local'",
                    "an environment that executions name stays");
            execute(db, "DELETE FROM configured_instance WHERE point = 'notifier' AND name = 'ops'");
            execute(db, "INSERT INTO datum (id, project_id, name, size, sha256, content_type, store, storage_key,"
                    + " creator_id, created_at) VALUES ('d2', 'p', 'n', 1, 's', 't', 'local', 'k', 'u', 0)");
        }
    }

    private static FluentConfiguration flyway(String url, String user) {
        return Flyway.configure(ConfiguredInstanceMigrationTest.class.getClassLoader()).dataSource(url, user, "")
                .locations("classpath:db/migration");
    }

    private static void assertRefused(Connection db, String sql, String why) {
        assertThrows(SQLException.class, () -> execute(db, sql), why + ": " + sql);
    }

    private static void execute(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement()) {
            statement.execute(sql);
        }
    }

    private static List<String> rows(Connection db, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = db.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(result.getString(i));
                }
                rows.add(String.join(" ", values));
            }
        }
        return rows;
    }
}
