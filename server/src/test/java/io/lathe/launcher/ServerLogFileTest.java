package io.lathe.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerLogFileTest {

    @TempDir
    Path folder;

    @Test
    void aFullFileMovesToDotOneAndTheOldestBeyondTheCountIsDropped() throws Exception {
        Path file = folder.resolve("server.log");
        ServerLogFile log = new ServerLogFile(file, 200, 3, false);
        for (int i = 0; i < 20; i++) {
            log.publish(record("line " + i + " " + "x".repeat(40)));
        }
        log.close();
        assertTrue(Files.readString(file).contains("line 19 "), "the newest lines are in server.log");
        assertTrue(Files.size(file) <= 200);
        assertTrue(Files.exists(folder.resolve("server.log.1")));
        assertTrue(Files.exists(folder.resolve("server.log.2")));
        assertFalse(Files.exists(folder.resolve("server.log.3")), "three files kept in all");
        assertFalse(Files.readString(folder.resolve("server.log.2")).isEmpty());
    }

    @Test
    void aNewHandlerAppendsToTheFileTheLastOneWrote() throws Exception {
        Path file = folder.resolve("server.log");
        ServerLogFile first = new ServerLogFile(file, 1_000_000, 5, false);
        first.publish(record("before Payara re-read the configuration"));
        first.close();
        ServerLogFile second = new ServerLogFile(file, 1_000_000, 5, false);
        second.publish(record("after"));
        second.close();
        String text = Files.readString(file);
        assertTrue(text.contains("before Payara") && text.contains("after"), text);
        assertEquals(2, text.lines().count(), text);
    }

    private static LogRecord record(String message) {
        LogRecord record = new LogRecord(Level.INFO, message);
        record.setLoggerName("org.example.Library");
        return record;
    }
}
