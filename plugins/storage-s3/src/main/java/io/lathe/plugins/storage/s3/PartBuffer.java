package io.lathe.plugins.storage.s3;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The one part of an upload held in memory: filled from the caller's stream, sent, then filled again. It grows up to
 * its capacity only as the content needs (a small object never costs a whole part), and looks one byte ahead so an
 * upload knows whether the part it holds is the last.
 *
 * <p>Not thread-safe: one upload owns it.
 */
final class PartBuffer {

    private static final int INITIAL_SIZE = 64 * 1024;

    private final int capacity;
    private byte[] bytes;
    private int size;
    private int lookahead = -1;

    /**
     * @param capacity the largest part, in bytes
     * @param expectedLength the content's length if known, else {@code -1}; sizes the first allocation
     */
    PartBuffer(int capacity, long expectedLength) {
        this.capacity = capacity;
        long first = expectedLength >= 0 ? Math.max(expectedLength, 1) : INITIAL_SIZE;
        this.bytes = new byte[(int) Math.min(capacity, first)];
    }

    /**
     * Replaces the buffer's content with the next bytes of {@code in}, up to the capacity.
     *
     * @return whether {@code in} has more bytes after this part
     */
    boolean fill(InputStream in) throws IOException {
        size = 0;
        if (lookahead >= 0) {
            bytes[size++] = (byte) lookahead;
            lookahead = -1;
        }
        while (size < capacity) {
            if (size == bytes.length) {
                bytes = Arrays.copyOf(bytes, (int) Math.min(capacity, 2L * bytes.length));
            }
            int n = in.read(bytes, size, bytes.length - size);
            if (n < 0) {
                return false;
            }
            size += n;
        }
        lookahead = in.read();
        return lookahead >= 0;
    }

    /** The number of bytes the buffer holds now. */
    int size() {
        return size;
    }

    /** The bytes held now, as a request body the SDK may read again on a retry; valid until the next fill. */
    RequestBody asRequestBody() {
        byte[] content = bytes;
        int length = size;
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(content, 0, length), length,
                "application/octet-stream");
    }
}
