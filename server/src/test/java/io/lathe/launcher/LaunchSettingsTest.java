package io.lathe.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class LaunchSettingsTest {

    @Test
    void defaultsToAnH2FileUnderTheDataFolderOnPort8080() {
        LaunchSettings settings = LaunchSettings.from(Map.of("LATHE_HOME", "/srv/lathe"), new Properties());
        assertEquals(Path.of("/srv/lathe"), settings.home());
        assertEquals(8080, settings.port());
        assertTrue(settings.dbUrl().startsWith("jdbc:h2:file:/srv/lathe/db/lathe"), settings.dbUrl());
        assertEquals("org.h2.jdbcx.JdbcDataSource", settings.systemProperties().get("lathe.db.class"));
    }

    @Test
    void relativeDataFolderIsResolvedAgainstTheWorkingFolder() {
        LaunchSettings settings = LaunchSettings.from(Map.of(), new Properties());
        assertEquals(Path.of("lathe-home").toAbsolutePath(), settings.home());
    }

    @Test
    void aPostgresqlUrlSwitchesTheDataSource() {
        LaunchSettings settings = LaunchSettings.from(Map.of("LATHE_DB_URL", "jdbc:postgresql://db/lathe",
                "LATHE_DB_USER", "ml", "LATHE_PORT", "9000"), new Properties());
        Map<String, String> properties = settings.systemProperties();
        assertEquals("org.postgresql.ds.PGSimpleDataSource", properties.get("lathe.db.class"));
        assertEquals("ml", properties.get("lathe.db.user"));
        assertEquals("9000", properties.get("lathe.port"));
    }

    @Test
    void systemPropertiesWinOverEnvironmentVariables() {
        Properties properties = new Properties();
        properties.setProperty("lathe.port", "7000");
        assertEquals(7000, LaunchSettings.from(Map.of("LATHE_PORT", "9000"), properties).port());
    }

    @Test
    void badValuesAreRefusedNamingTheSetting() {
        IllegalArgumentException port = assertThrows(IllegalArgumentException.class,
                () -> LaunchSettings.from(Map.of("LATHE_PORT", "eighty"), new Properties()));
        assertTrue(port.getMessage().contains("LATHE_PORT"));
        IllegalArgumentException url = assertThrows(IllegalArgumentException.class,
                () -> LaunchSettings.from(Map.of("LATHE_DB_URL", "jdbc:mysql://x"), new Properties())
                        .systemProperties());
        assertTrue(url.getMessage().contains("LATHE_DB_URL"));
    }

    @Test
    void logLevelAndFormatDefaultToInfoAsTextAndRefuseOtherValues() {
        LaunchSettings defaults = LaunchSettings.from(Map.of(), new Properties());
        assertEquals(LaunchSettings.LogLevel.INFO, defaults.logLevel());
        assertTrue(!defaults.jsonLog() && !defaults.debug());
        LaunchSettings debug = LaunchSettings.from(Map.of("LATHE_LOG_LEVEL", "Debug", "LATHE_LOG_FORMAT", "json"),
                new Properties());
        assertTrue(debug.debug() && debug.jsonLog());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LaunchSettings.from(
                Map.of("LATHE_LOG_LEVEL", "loud"), new Properties())).getMessage().contains("LATHE_LOG_LEVEL"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LaunchSettings.from(
                Map.of("LATHE_LOG_FORMAT", "xml"), new Properties())).getMessage().contains("LATHE_LOG_FORMAT"));
    }

    @Test
    void theLogConfigurationSendsLathesLinesAtTheChosenLevelAndEverythingToTheFile() {
        var properties = LogSetup.configuration(LaunchSettings.from(Map.of("LATHE_HOME", "/srv/lathe",
                "LATHE_LOG_LEVEL", "debug"), new Properties()));
        assertEquals("io.lathe.launcher.ServerLogFile, io.lathe.launcher.ConsoleLog", properties.get("handlers"));
        assertEquals("INFO", properties.get(".level"));
        assertEquals("FINE", properties.get("io.lathe.level"));
        assertEquals("FINE", properties.get("lathe.level"));
        assertEquals("/srv/lathe/logs/server.log", properties.get("io.lathe.launcher.ServerLogFile.file"));
        assertEquals("true", properties.get("io.lathe.launcher.ConsoleLog.stackTraces"));
    }
}
