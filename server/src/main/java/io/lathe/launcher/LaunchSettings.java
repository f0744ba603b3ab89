package io.lathe.launcher;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The server's start-up settings, read from environment variables ({@code LATHE_HOME}, {@code LATHE_PORT},
 * {@code LATHE_DB_URL}, {@code LATHE_DB_USER}, {@code LATHE_DB_PASSWORD}) or the matching system properties
 * ({@code lathe.home}, ...), with the documented defaults: an H2 file database under the data folder.
 */
record LaunchSettings(Path home, int port, String dbUrl, String dbUser, String dbPassword) {

    static final int DEFAULT_PORT = 8080;

    static LaunchSettings from(Map<String, String> env, Properties properties) {
        Path home = Path.of(read(env, properties, "lathe.home", "./lathe-home")).toAbsolutePath().normalize();
        String portText = read(env, properties, "lathe.port", Integer.toString(DEFAULT_PORT));
        int port;
        try {
            port = Integer.parseInt(portText.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("LATHE_PORT must be a port number, not '" + portText + "'");
        }
        String url = read(env, properties, "lathe.db.url", "jdbc:h2:file:" + home.resolve("db").resolve("lathe")
                + ";DB_CLOSE_ON_EXIT=FALSE");
        return new LaunchSettings(home, port, url,
                read(env, properties, "lathe.db.user", "lathe"),
                read(env, properties, "lathe.db.password", "lathe"));
    }

    /** The JDBC data source class that understands {@link #dbUrl()}. */
    String dataSourceClass() {
        if (dbUrl.startsWith("jdbc:postgresql:")) {
            return "org.postgresql.ds.PGSimpleDataSource";
        }
        if (dbUrl.startsWith("jdbc:h2:")) {
            return "org.h2.jdbcx.JdbcDataSource";
        }
        throw new IllegalArgumentException(
                "LATHE_DB_URL must start with jdbc:h2: or jdbc:postgresql:, not '" + dbUrl + "'");
    }

    /** What the server reads through MicroProfile Config. */
    Map<String, String> systemProperties() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("lathe.home", home.toString());
        values.put("lathe.port", Integer.toString(port));
        values.put("lathe.db.url", dbUrl);
        values.put("lathe.db.user", dbUser);
        values.put("lathe.db.password", dbPassword);
        values.put("lathe.db.class", dataSourceClass());
        return values;
    }

    private static String read(Map<String, String> env, Properties properties, String key, String fallback) {
        String fromProperty = properties.getProperty(key);
        if (fromProperty != null && !fromProperty.isBlank()) {
            return fromProperty;
        }
        String fromEnv = env.get(key.toUpperCase().replace('.', '_'));
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        return fallback;
    }
}
