package io.lathe.plugins.compute.local;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Cuts a byte stream that arrives in chunks into UTF-8 lines. A line ends at {@code \n}; a {@code \r} before it
 * goes too, so Windows line ends read the same. Undecodable bytes become U+FFFD.
 *
 * <p>Lines are kept whole up to {@link #MAX_LINE_BYTES}; a longer one is passed on in pieces of that size, cut
 * between characters, so that a job printing a binary blob cannot make the server hold it all at once.
 *
 * <p>Not thread-safe: one splitter per stream.
 */
final class LineSplitter {

    /** The longest line passed on in one piece. */
    static final int MAX_LINE_BYTES = 16 * 1024 * 1024;

    private static final int SHRINK_ABOVE = 1024 * 1024;

    private final Consumer<String> sink;
    private final int maxLineBytes;
    private byte[] pending = new byte[8192];
    private int pendingLength;

    LineSplitter(Consumer<String> sink) {
        this(sink, MAX_LINE_BYTES);
    }

    LineSplitter(Consumer<String> sink, int maxLineBytes) {
        this.sink = requireNonNull(sink, "sink");
        if (maxLineBytes < 4) {
            throw new IllegalArgumentException("maxLineBytes < 4");
        }
        this.maxLineBytes = maxLineBytes;
    }

    /** Takes the next {@code length} bytes of the stream and passes on every line they complete. */
    void accept(byte[] chunk, int offset, int length) {
        int end = offset + length;
        int start = offset;
        for (int i = offset; i < end; i++) {
            if (chunk[i] != '\n') {
                continue;
            }
            if (pendingLength == 0 && i - start <= maxLineBytes) {
                emit(chunk, start, i - start);
            } else {
                append(chunk, start, i - start);
                emitPending();
            }
            start = i + 1;
        }
        if (start < end) {
            append(chunk, start, end - start);
        }
    }

    /** Passes on the last line when the stream did not end with a line terminator. */
    void finish() {
        if (pendingLength > 0) {
            emitPending();
        }
    }

    private void emitPending() {
        emit(pending, 0, pendingLength);
        pendingLength = 0;
        if (pending.length > SHRINK_ABOVE) {
            // One long line should not pin a large buffer for the rest of the job.
            pending = new byte[8192];
        }
    }

    private void append(byte[] bytes, int offset, int length) {
        while (pendingLength + length > maxLineBytes) {
            int room = maxLineBytes - pendingLength;
            System.arraycopy(bytes, offset, ensureRoom(maxLineBytes), pendingLength, room);
            pendingLength = maxLineBytes;
            int cut = characterBoundary(pending, pendingLength);
            sink.accept(new String(pending, 0, cut, StandardCharsets.UTF_8));
            // The bytes of a character cut in half start the next piece.
            System.arraycopy(pending, cut, pending, 0, pendingLength - cut);
            pendingLength -= cut;
            offset += room;
            length -= room;
        }
        System.arraycopy(bytes, offset, ensureRoom(pendingLength + length), pendingLength, length);
        pendingLength += length;
    }

    private byte[] ensureRoom(int size) {
        if (size > pending.length) {
            pending = Arrays.copyOf(pending, Math.min(maxLineBytes, Math.max(size, pending.length * 2)));
        }
        return pending;
    }

    private void emit(byte[] bytes, int offset, int length) {
        if (length > 0 && bytes[offset + length - 1] == '\r') {
            length--;
        }
        sink.accept(new String(bytes, offset, length, StandardCharsets.UTF_8));
    }

    /** Where to cut the first {@code length} bytes so that no UTF-8 sequence is split: before an unfinished one. */
    private static int characterBoundary(byte[] bytes, int length) {
        int lead = length - 1;
        // Continuation bytes look like 10xxxxxx; a sequence is at most four bytes long.
        while (lead > length - 4 && lead > 0 && (bytes[lead] & 0xC0) == 0x80) {
            lead--;
        }
        int b = bytes[lead] & 0xFF;
        int sequence = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
        return lead > 0 && lead + sequence > length ? lead : length;
    }
}
