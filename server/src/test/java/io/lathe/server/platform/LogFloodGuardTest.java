package io.lathe.server.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class LogFloodGuardTest {

    private static LogRecord record(String message) {
        LogRecord record = new LogRecord(Level.SEVERE, message);
        record.setLoggerName("jakarta.enterprise.web.core");
        return record;
    }

    @Test
    void oneRecordOfAKindPassesPerWindowAndTheNextSaysHowManyWereLeftOut() {
        AtomicLong now = new AtomicLong(0);
        LogFloodGuard guard = new LogFloodGuard(null, now::get);

        assertTrue(guard.isLoggable(record("AS-WEB-CORE-00037")));
        for (int i = 0; i < 10_000; i++) {
            assertFalse(guard.isLoggable(record("AS-WEB-CORE-00037")));
        }
        assertTrue(guard.isLoggable(record("another kind")), "other kinds pass");

        now.addAndGet(LogFloodGuard.WINDOW.toNanos() + 1);
        LogRecord next = record("AS-WEB-CORE-00037");
        assertTrue(guard.isLoggable(next));
        assertEquals("AS-WEB-CORE-00037 [10000 more like this in the last 1 min were not logged]", next.getMessage());
    }

    @Test
    void theGuardIsPutOnTheContainersLoggersOnce() {
        LogFloodGuard.install();
        LogFloodGuard.install();
        for (String name : LogFloodGuard.GUARDED) {
            assertTrue(java.util.logging.Logger.getLogger(name).getFilter() instanceof LogFloodGuard, name);
        }
    }
}
