package io.lathe.server.instances;

import static io.lathe.server.platform.MigrationTestDatabase.assertRefused;
import static io.lathe.server.platform.MigrationTestDatabase.execute;
import static io.lathe.server.platform.MigrationTestDatabase.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lathe.server.platform.MigrationTestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
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
        MigrationTestDatabase.onH2(ConfiguredInstanceMigrationTest::migrateAndCheck);
    }

    @Test
    void onPostgresql() throws SQLException {
        MigrationTestDatabase.onPostgresql(ConfiguredInstanceMigrationTest::migrateAndCheck);
    }

    private static void migrateAndCheck(MigrationTestDatabase database) throws SQLException {
        database.migrateToJustBefore(MIGRATION);
        try (Connection db = database.connect()) {
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

        database.migrateToLatest();

        try (Connection db = database.connect()) {
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
}
