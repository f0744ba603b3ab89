package io.lathe.plugin.api.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * {@code length} reproducible pseudo-random bytes, made as they are read, so a test can send a large object without
 * holding it. Two streams with the same length and seed give the same bytes.
 *
 * <p>{@link #readAllBytes()} fails the test: code under test that calls it holds a whole object in memory.
 */
public final class PatternInputStream extends InputStream {

    private final long length;
    private long position;
    private long state;

    /** A stream of {@code length} bytes drawn from {@code seed}. */
    public PatternInputStream(long length, long seed) {
        if (length < 0) {
            throw new IllegalArgumentException("length < 0");
        }
        this.length = length;
        this.state = seed;
    }

    /** The lowercase hex SHA-256 of the bytes a stream of this length and seed gives. */
    public static String sha256(long length, long seed) {
        return sha256(new PatternInputStream(length, seed));
    }

    /** The lowercase hex SHA-256 of everything left in {@code in}, read in chunks; does not close it. */
    public static String sha256(InputStream in) {
        try {
            DigestInputStream digesting = new DigestInputStream(in, MessageDigest.getInstance("SHA-256"));
            digesting.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(digesting.getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int read() {
        if (position >= length) {
            return -1;
        }
        return next() & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) {
        Objects.checkFromIndexSize(offset, count, buffer.length);
        if (count == 0) {
            return 0;
        }
        if (position >= length) {
            return -1;
        }
        int n = (int) Math.min(count, length - position);
        for (int i = 0; i < n; i++) {
            buffer[offset + i] = next();
        }
        return n;
    }

    @Override
    public byte[] readAllBytes() {
        throw new AssertionError("readAllBytes() called on a " + length + "-byte stream: the object was buffered "
                + "whole in memory instead of streamed");
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, length - position);
    }

    // SplitMix64: cheap, reproducible and without long runs of equal bytes.
    private byte next() {
        position++;
        state += 0x9E3779B97F4A7C15L;
        long z = state;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (byte) (z ^ (z >>> 31));
    }
}
