package io.lathe.server.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HashingInputStreamTest {

    @Test
    void countsAndHashesWhatPassesThrough() throws Exception {
        HashingInputStream in = new HashingInputStream(
                new ByteArrayInputStream("abc".getBytes(StandardCharsets.US_ASCII)));
        in.transferTo(OutputStream.nullOutputStream());
        assertEquals(3, in.count());
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", in.sha256());
    }

    @Test
    void readingPastTheLimitFails() {
        HashingInputStream in = new HashingInputStream(new ByteArrayInputStream(new byte[100]), 99);
        HashingInputStream.LimitExceededException e = assertThrows(HashingInputStream.LimitExceededException.class,
                () -> in.transferTo(OutputStream.nullOutputStream()));
        assertEquals(99, e.limit());
    }
}
