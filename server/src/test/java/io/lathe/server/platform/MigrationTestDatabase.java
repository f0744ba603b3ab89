package io.lathe.server.platform;

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

/**
 * A fresh, empty database for testing one migration on the data a server of the version before it left: an H2 in
 * memory, or a PostgreSQL database made on {@code 127.0.0.1:5432} (trust authentication) and dropped after; the
 * PostgreSQL half is skipped when no server answers.
 */
public final class MigrationTestDatabase {

    /** What a test does with the database. */
    public interface Check {
        void run(MigrationTestDatabase database) throws SQLException;
    }

    private static final String POSTGRESQL = "jdbc:postgresql://127.0.0.1:5432/";

    private final String url;
    private final String user;

    private MigrationTestDatabase(String url, String user) {
        this.url = url;
        this.user = user;
    }

    public static void onH2(Check check) throws SQLException {
        check.run(new MigrationTestDatabase("jdbc:h2:mem:migration-" + ThreadLocalRandom.current().nextInt(1 << 30)
                + ";MODE=LEGACY;DB_CLOSE_DELAY=-1", "sa"));
    }

    public static void onPostgresql(Check check) throws SQLException {
        String database = "lathe_migration_" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 30));
        try (Connection admin = DriverManager.getConnection(POSTGRESQL + "postgres", "postgres", "")) {
            execute(admin, "CREATE DATABASE " + database);
        } catch (SQLException e) {
            assumeTrue(false, "no PostgreSQL on 127.0.0.1:5432: " + e.getMessage());
        }
        try {
            check.run(new MigrationTestDatabase(POSTGRESQL + database, "postgres"));
        } finally {
            try (Connection admin = DriverManager.getConnection(POSTGRESQL + "postgres", "postgres", "")) {
                execute(admin, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }

    /** Applies every migration older than {@code migration}, whichever the one just before it is. */
    public void migrateToJustBefore(String migration) {
        MigrationVersion before = Arrays.stream(flyway().load().info().all()).map(MigrationInfo::getVersion)
                .filter(version -> version.isNewerThan("0") && !version.isAtLeast(migration))
                .max(MigrationVersion::compareTo).orElseThrow();
        flyway().target(before).load().migrate();
    }

    /** Applies the rest, as a server of this build does at start. */
    public void migrateToLatest() {
        flyway().load().migrate();
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, "");
    }

    public static void execute(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The rows a query gives, each as its values joined by single spaces. */
    public static List<String> rows(Connection db, String sql) throws SQLException {
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

    public static void assertRefused(Connection db, String sql, String why) {
        assertThrows(SQLException.class, () -> execute(db, sql), why + ": " + sql);
    }

    private FluentConfiguration flyway() {
        return Flyway.configure(MigrationTestDatabase.class.getClassLoader()).dataSource(url, user, "")
                .locations("classpath:db/migration");
    }
}
