package io.lathe.server.executions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExecutionRepositoryTest {

    @Test
    void aDetailLongerThanItsColumnIsShortenedSoTheEndIsStillRecorded() {
        assertEquals("short", ExecutionRepository.shortened("short"));
        String shortened = ExecutionRepository.shortened("x".repeat(5_000));
        assertEquals(ExecutionRepository.MAX_DETAIL_LENGTH, shortened.length());
        assertTrue(shortened.endsWith("\u2026"));
    }
}
