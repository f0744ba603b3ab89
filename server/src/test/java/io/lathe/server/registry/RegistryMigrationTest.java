package io.lathe.server.registry;

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
 * The migration that puts datasets and models on one versioned-collection core, run on H2 and on PostgreSQL
 * ({@code 127.0.0.1:5432}, trust authentication; that half is skipped when none answers): collections, versions and
 * their files move from the six tables the two kinds had, and the new tables keep names and numbers unique.
 */
class RegistryMigrationTest {

    private static final String MIGRATION = "15";

    @Test
    void onH2() throws SQLException {
        MigrationTestDatabase.onH2(RegistryMigrationTest::migrateAndCheck);
    }

    @Test
    void onPostgresql() throws SQLException {
        MigrationTestDatabase.onPostgresql(RegistryMigrationTest::migrateAndCheck);
    }

    private static void migrateAndCheck(MigrationTestDatabase database) throws SQLException {
        database.migrateToJustBefore(MIGRATION);
        try (Connection db = database.connect()) {
            execute(db, "INSERT INTO lathe_user (id, username, role, password_hash, created_at, disabled)"
                    + " VALUES ('u', 'u', 'admin', 'x', 0, FALSE)");
            execute(db, "INSERT INTO configured_instance VALUES ('storage', 'local', 'local', '{}', 1)");
            execute(db, "INSERT INTO configured_instance VALUES ('compute', 'local', 'local', '{}', 1)");
            execute(db, "INSERT INTO project (id, name, description, owner_id, default_store, default_environment,"
                    + " last_counter, created_at) VALUES ('p', 'p', '', 'u', 'local', 'local', 1, 0)");
            execute(db, "INSERT INTO code_commit VALUES ('p', 'c', 's', 1, 'local', 'k', 'y', 'u', 0)");
            execute(db, "INSERT INTO execution (id, project_id, counter, commit_id, step_name, step_json,"
                    + " parameters_json, command, image, environment, status, creator_id, created_at)"
                    + " VALUES ('e', 'p', 1, 'c', 's', '{}', '{}', '[]', 'i', 'local', 'COMPLETE', 'u', 0)");
            execute(db, "INSERT INTO datum (id, project_id, name, size, sha256, content_type, store, storage_key,"
                    + " creator_id, created_at) VALUES ('d', 'p', 'n', 1, 's', 't', 'local', 'k', 'u', 0)");
            execute(db, "INSERT INTO dataset VALUES ('ds', 'p', 'images', 'u', 10)");
            execute(db, "INSERT INTO dataset_version VALUES ('dv', 'ds', 'v1', 'e', 'u', 11)");
            execute(db, "INSERT INTO dataset_version_file VALUES ('dv', 'd')");
            execute(db, "INSERT INTO model VALUES ('m', 'p', 'images', 'u', 12)");
            execute(db, "INSERT INTO model_version (id, model_id, number, state, release_note, tags_json,"
                    + " execution_id, created_by, created_at, decided_by, decided_at, decision_comment)"
                    + " VALUES ('mv', 'm', 7, 'APPROVED', 'first', '[\"a\"]', NULL, 'u', 13, 'u', 14, 'ok')");
            execute(db, "INSERT INTO model_version_file VALUES ('mv', 'd')");
        }

        database.migrateToLatest();

        try (Connection db = database.connect()) {
            assertEquals(List.of("ds dataset p images u 10", "m model p images u 12"),
                    rows(db, "SELECT id, kind, project_id, name, created_by, created_at FROM registry_collection"
                            + " ORDER BY id"));
            assertEquals(List.of("dv dataset ds v1 null null null null e u 11 null null null",
                    "mv model m 7 7 APPROVED first [\"a\"] null u 13 u 14 ok"),
                    rows(db, "SELECT id, kind, collection_id, name, number, state, release_note, tags_json,"
                            + " execution_id, created_by, created_at, decided_by, decided_at, decision_comment"
                            + " FROM registry_version ORDER BY id"));
            assertEquals(List.of("dv d", "mv d"),
                    rows(db, "SELECT version_id, datum_id FROM registry_version_file ORDER BY version_id"));

            assertRefused(db, "INSERT INTO registry_collection VALUES ('ds2', 'dataset', 'p', 'images', 'u', 20)",
                    "a name is unique per kind in a project");
            assertRefused(db, "INSERT INTO registry_version (id, kind, collection_id, name, created_by, created_at)"
                    + " VALUES ('dv2', 'dataset', 'ds', 'v1', 'u', 21)", "a version name is unique");
            assertRefused(db, "INSERT INTO registry_version (id, kind, collection_id, name, number, state,"
                    + " created_by, created_at) VALUES ('mv2', 'model', 'm', '7', 7, 'PENDING', 'u', 22)",
                    "a model version number is unique");
            assertRefused(db, "INSERT INTO registry_version (id, kind, collection_id, name, created_by, created_at)"
                    + " VALUES ('mv3', 'model', 'm', '8', 'u', 23)", "a model version has a number and a state");
            assertRefused(db, "INSERT INTO registry_version_file VALUES ('nope', 'd')", "files belong to a version");
            execute(db, "INSERT INTO registry_version (id, kind, collection_id, name, number, state, created_by,"
                    + " created_at) VALUES ('mv4', 'model', 'm', '8', 8, 'PENDING', 'u', 24)");
            for (String old : List.of("dataset", "dataset_version", "dataset_version_file", "model",
                    "model_version", "model_version_file")) {
                assertRefused(db, "SELECT COUNT(*) FROM " + old, "the old table " + old + " is gone");
            }
        }
    }
}
