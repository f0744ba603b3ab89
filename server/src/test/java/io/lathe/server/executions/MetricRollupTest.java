package io.lathe.server.executions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The latest, smallest and largest numeric values a metadata writer keeps per execution and key. */
class MetricRollupTest {

    private final JdbcDataSource database = new JdbcDataSource();

    @BeforeEach
    void createTables() throws SQLException {
        database.setURL("jdbc:h2:mem:metric-rollup-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            createTables(statement);
            statement.execute("INSERT INTO execution (id, project_id, counter) VALUES ('e1', 'p1', 7)");
        }
    }

    /** The columns the metadata writer touches, as the migrations make them. */
    static void createTables(Statement statement) throws SQLException {
        statement.execute("CREATE TABLE execution (id VARCHAR(36) PRIMARY KEY, project_id VARCHAR(36) NOT NULL,"
                + " counter INTEGER NOT NULL)");
        statement.execute("CREATE TABLE metadata_chunk (execution_id VARCHAR(36) NOT NULL, seq BIGINT NOT NULL,"
                + " points INTEGER NOT NULL, data VARCHAR NOT NULL, PRIMARY KEY (execution_id, seq))");
        statement.execute("CREATE TABLE execution_metric (execution_id VARCHAR(36) NOT NULL, name VARCHAR(200) NOT"
                + " NULL, project_id VARCHAR(36) NOT NULL, counter INTEGER NOT NULL, last_value DOUBLE PRECISION NOT"
                + " NULL, min_value DOUBLE PRECISION NOT NULL, max_value DOUBLE PRECISION NOT NULL, points BIGINT NOT"
                + " NULL, PRIMARY KEY (execution_id, name))");
    }

    @Test
    void onlyTopLevelFiniteNumbersOfValidPointsCount() throws SQLException {
        write("{\"loss\": 0.9, \"acc\": 0.1, \"name\": \"x\", \"nested\": {\"deep\": 5}, \"list\": [1, 2]}",
                "{\"loss\": 0.3, \"acc\": 0.5, \"big\": 1e999}",
                "{\"loss\": 7, \"broken\": }",
                "{\"loss\": 0.5, \"acc\": -2}");
        assertEquals(Map.of("loss", "0.5 0.3 0.9 3 p1 7", "acc", "-2.0 -2.0 0.5 3 p1 7"), rows());
    }

    @Test
    void aSecondWriterOfTheSameExecutionGoesOnFromWhatIsStored() throws SQLException {
        write("{\"loss\": 2}", "{\"loss\": 4}");
        write("{\"loss\": 3}", "{\"epoch\": 1}");
        assertEquals(Map.of("loss", "3.0 2.0 4.0 3 p1 7", "epoch", "1.0 1.0 1.0 1 p1 7"), rows());
    }

    @Test
    void anExecutionKeepsAtMostTheKeyLimit() throws SQLException {
        String[] lines = new String[MetricRollup.MAX_KEYS + 10];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = "{\"k" + i + "\": " + i + "}";
        }
        write(lines);
        assertEquals(MetricRollup.MAX_KEYS, rows().size());
    }

    private void write(String... lines) {
        try (MetadataWriter writer = new MetadataWriter(database, "e1", Thread::new, 1 << 20)) {
            for (String line : lines) {
                writer.offer(line, 0);
            }
        }
    }

    private Map<String, String> rows() throws SQLException {
        Map<String, String> rows = new LinkedHashMap<>();
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT name, last_value, min_value, max_value, points,"
                        + " project_id, counter FROM execution_metric WHERE execution_id = 'e1'")) {
            while (result.next()) {
                rows.put(result.getString(1), result.getDouble(2) + " " + result.getDouble(3) + " "
                        + result.getDouble(4) + " " + result.getLong(5) + " " + result.getString(6) + " "
                        + result.getInt(7));
            }
        }
        return rows;
    }
}
