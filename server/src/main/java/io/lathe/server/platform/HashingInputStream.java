package io.lathe.server.platform;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Passes bytes through while counting them and computing their SHA-256, so a file is read once, not twice. */
public final class HashingInputStream extends FilterInputStream {

    private final MessageDigest digest;
    private final long limit;
    private long count;

    /**
     * @param limit the most bytes to accept; reading past it throws {@link LimitExceededException}
     */
    public HashingInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    public HashingInputStream(InputStream in) {
        this(in, Long.MAX_VALUE);
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            digest.update((byte) b);
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n > 0) {
            digest.update(buffer, offset, n);
            counted(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("skipping would leave bytes out of the checksum");
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void counted(int n) throws LimitExceededException {
        count += n;
        if (count > limit) {
            throw new LimitExceededException(limit);
        }
    }

    /** The bytes read so far. */
    public long count() {
        return count;
    }

    /** The SHA-256 of everything read, in lowercase hex; call once, at the end. */
    public String sha256() {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Thrown when more than the limit was read. */
    public static final class LimitExceededException extends IOException {
        private final long limit;

        LimitExceededException(long limit) {
            super("more than " + limit + " bytes");
            this.limit = limit;
        }

        public long limit() {
            return limit;
        }
    }
}
