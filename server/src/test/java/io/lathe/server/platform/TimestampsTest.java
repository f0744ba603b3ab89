package io.lathe.server.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TimestampsTest {

    @Test
    void anInstantBecomesItsEpochMillis() {
        assertEquals(1_796_690_327_000L, Timestamps.epochMillis("created_after", "2026-12-08T00:38:47Z"));
        assertNull(Timestamps.epochMillis("created_after", " "));
        assertNull(Timestamps.epochMillis("created_after", null));
    }

    @Test
    void instantsWhoseMillisDoNotFitALongAreRefusedNamingTheField() {
        for (String extreme : new String[] {"+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z",
                "+292278994-08-17T07:12:55.808Z", "10000-01-01T00:00:00Z"}) {
            DomainException refused = assertThrows(DomainException.class,
                    () -> Timestamps.epochMillis("created_before", extreme), extreme);
            assertEquals("created_before", refused.field());
            assertEquals("invalid-time", refused.code());
            assertEquals(DomainException.Kind.INVALID, refused.kind());
        }
    }

    @Test
    void textThatIsNoInstantIsRefusedNamingTheField() {
        DomainException refused = assertThrows(DomainException.class,
                () -> Timestamps.epochMillis("created_after", "2026-13-45T00:00:00Z"));
        assertEquals("created_after", refused.field());
    }
}
