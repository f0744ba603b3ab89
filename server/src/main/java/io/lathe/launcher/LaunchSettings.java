package io.lathe.launcher;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Locale;
import java.util.Properties;
import java.util.logging.Level;

/**
 * The server's start-up settings, read from environment variables ({@code LATHE_HOME}, {@code LATHE_PORT},
 * {@code LATHE_DB_URL}, {@code LATHE_DB_USER}, {@code LATHE_DB_PASSWORD}, {@code LATHE_LOG_LEVEL},
 * {@code LATHE_LOG_FORMAT}) or the matching system properties ({@code lathe.home}, ...), with the documented
 * defaults: an H2 file database under the data folder, INFO lines as text.
 */
record LaunchSettings(Path home, int port, String dbUrl, String dbUser, String dbPassword, LogLevel logLevel,
        boolean jsonLog) {

    static final int DEFAULT_PORT = 8080;

    /** The levels {@code LATHE_LOG_LEVEL} takes, and the {@link Level} each stands for. */
    enum LogLevel {
        DEBUG(Level.FINE), INFO(Level.INFO), WARNING(Level.WARNING), ERROR(Level.SEVERE);

        final Level level;

        LogLevel(Level level) {
            this.level = level;
        }
    }

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
                read(env, properties, "lathe.db.password", "lathe"),
                logLevel(read(env, properties, "lathe.log.level", "info")),
                jsonLog(read(env, properties, "lathe.log.format", "text")));
    }

    private static LogLevel logLevel(String text) {
        try {
            return LogLevel.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("LATHE_LOG_LEVEL must be debug, info, warning or error, not '" + text
                    + "'");
        }
    }

    private static boolean jsonLog(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "text" -> false;
            case "json" -> true;
            default -> throw new IllegalArgumentException("LATHE_LOG_FORMAT must be text or json, not '" + text + "'");
        };
    }

    /** Whether start-up failures show their stack trace on the console. */
    boolean debug() {
        return logLevel == LogLevel.DEBUG;
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
