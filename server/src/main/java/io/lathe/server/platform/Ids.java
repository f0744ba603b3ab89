package io.lathe.server.platform;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Makes ids: time-ordered UUIDs (version 7 layout), so that new rows land at the end of indexes and ids sort by
 * creation, as Valohai's ULID-like execution ids do.
 */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static String newId() {
        long millis = System.currentTimeMillis();
        long high = (millis << 16) | 0x7000L | (RANDOM.nextInt() & 0x0fffL);
        long low = (RANDOM.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    /** Whether {@code text} is a UUID in canonical form (so it can be used to look things up). */
    public static boolean isId(String text) {
        return text != null && text.length() == 36
                && text.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    }
}
