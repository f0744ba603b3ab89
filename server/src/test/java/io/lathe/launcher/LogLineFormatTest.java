package io.lathe.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class LogLineFormatTest {

    @Test
    void textNamesTheLoggerOfOthersButNotLathesOwn() {
        LogLineFormat text = new LogLineFormat(false, false);
        String own = text.format(record(Level.INFO, "io.lathe.server.startup.ServerStartup", "ready", null));
        assertTrue(own.endsWith(" INFO ready\n"), own);
        String library = text.format(record(Level.SEVERE, "org.pf4j.PluginManager", "broken", null));
        assertTrue(library.endsWith(" ERROR [org.pf4j.PluginManager] broken\n"), library);
    }

    @Test
    void stackTracesOnlyWhenAskedFor() {
        IllegalStateException failure = new IllegalStateException("deep down");
        String quiet = new LogLineFormat(false, false).format(record(Level.SEVERE, "io.lathe.x", "it failed", failure));
        assertEquals(1, quiet.lines().count(), quiet);
        String debug = new LogLineFormat(false, true).format(record(Level.SEVERE, "io.lathe.x", "it failed", failure));
        assertTrue(debug.contains("java.lang.IllegalStateException: deep down\n\tat "), debug);
    }

    @Test
    void jsonIsOneObjectPerLineWithTheTextEscaped() {
        String line = new LogLineFormat(true, false).format(record(Level.FINE, "lathe.compute.local",
                "two\nlines with \"quotes\", a \\ and a \u0001", new IllegalStateException("why")));
        assertTrue(line.endsWith("}\n"), line);
        assertEquals(1, line.lines().count(), line);
        assertTrue(line.contains("\"level\":\"DEBUG\",\"logger\":\"lathe.compute.local\""), line);
        assertTrue(line.contains("\"message\":\"two\\nlines with \\\"quotes\\\", a \\\\ and a \\u0001\""), line);
        assertTrue(line.contains("\"error\":\"java.lang.IllegalStateException: why\""), line);
        assertFalse(line.contains("\tat"), line);
    }

    @Test
    void onlyLathesLinesAndWarningsReachTheConsole() {
        assertTrue(ConsoleLog.shown(record(Level.INFO, "io.lathe.server.startup.ServerStartup", "m", null)));
        assertTrue(ConsoleLog.shown(record(Level.INFO, "lathe.compute.local", "m", null)));
        assertFalse(ConsoleLog.shown(record(Level.INFO, "PayaraMicro", "m", null)));
        assertFalse(ConsoleLog.shown(record(Level.INFO, "lathex.other", "m", null)));
        assertTrue(ConsoleLog.shown(record(Level.WARNING, "org.pf4j.PluginManager", "m", null)));
    }

    private static LogRecord record(Level level, String logger, String message, Throwable thrown) {
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName(logger);
        record.setThrown(thrown);
        return record;
    }
}
