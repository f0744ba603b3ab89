package io.lathe.server.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A database of its own on the machine's PostgreSQL ({@code 127.0.0.1:5432}, trust authentication; override with
 * {@code LATHE_TEST_PG_HOST}, {@code _PORT}, {@code _USER}), created for a test and dropped after.
 */
final class PostgresDatabase implements AutoCloseable {

    private final String host = System.getenv().getOrDefault("LATHE_TEST_PG_HOST", "127.0.0.1");
    private final String port = System.getenv().getOrDefault("LATHE_TEST_PG_PORT", "5432");
    private final String user = System.getenv().getOrDefault("LATHE_TEST_PG_USER", "postgres");
    private final String name = "lathe_it_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);

    PostgresDatabase create() throws SQLException {
        execute("CREATE DATABASE " + name);
        return this;
    }

    /** The settings that point a server at this database. */
    Map<String, String> serverEnvironment() {
        return Map.of("LATHE_DB_URL", "jdbc:postgresql://" + host + ":" + port + "/" + name,
                "LATHE_DB_USER", user, "LATHE_DB_PASSWORD", "unused-with-trust");
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + name, user, "");
    }

    @Override
    public void close() throws SQLException {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                "jdbc:postgresql://" + host + ":" + port + "/postgres", user, "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
