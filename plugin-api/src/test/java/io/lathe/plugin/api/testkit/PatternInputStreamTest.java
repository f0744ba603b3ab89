package io.lathe.plugin.api.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class PatternInputStreamTest {

    @Test
    void givesExactlyTheLengthAskedFor() throws IOException {
        assertEquals(100_003, drain(new PatternInputStream(100_003, 1)).length);
        assertEquals(0, drain(new PatternInputStream(0, 1)).length);
    }

    @Test
    void theSameSeedGivesTheSameBytesWhateverTheReadSizes() throws IOException {
        byte[] inChunks = drain(new PatternInputStream(10_000, 7));
        byte[] byteByByte = new byte[10_000];
        try (InputStream in = new PatternInputStream(10_000, 7)) {
            for (int i = 0; i < byteByByte.length; i++) {
                byteByByte[i] = (byte) in.read();
            }
            assertEquals(-1, in.read());
        }

        assertArrayEquals(inChunks, byteByByte);
    }

    @Test
    void anotherSeedGivesOtherBytes() {
        assertNotEquals(PatternInputStream.sha256(4096, 1), PatternInputStream.sha256(4096, 2));
    }

    @Test
    void theDigestIsTheSha256OfTheBytes() {
        // SHA-256 of no bytes at all.
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                PatternInputStream.sha256(0, 99));
    }

    @Test
    void readingEverythingAtOnceFailsTheTest() {
        assertThrows(AssertionError.class, () -> new PatternInputStream(10, 1).readAllBytes());
    }

    private static byte[] drain(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        for (int n; (n = in.read(buffer)) != -1; ) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
