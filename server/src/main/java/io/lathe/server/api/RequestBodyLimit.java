package io.lathe.server.api;

import io.lathe.server.platform.DomainException;
import io.lathe.server.platform.Limits;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * Refuses a request body larger than {@code LATHE_MAX_REQUEST_BYTES} with 413 before it is read into memory: at once
 * when its {@code Content-Length} says so, and while it is read when it comes in chunks. A body that a resource takes
 * as a stream (an upload of code) is left to that resource's own limit.
 *
 * <p>JSON that nests deeper than {@value #MAX_JSON_DEPTH} lists and objects is refused with 400 while it is read: no
 * request needs that many, and JSON-B reads nesting by recursion, which a deep enough body overflows. So is JSON
 * holding the NUL character, which PostgreSQL cannot store.
 */
@Provider
public class RequestBodyLimit implements ReaderInterceptor {

    static final int MAX_JSON_DEPTH = 64;

    @Inject
    Limits limits;

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (InputStream.class.isAssignableFrom(context.getType())) {
            return context.proceed();
        }
        long max = limits.maxRequestBytes();
        String declared = context.getHeaders().getFirst(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && longerThan(declared.strip(), max)) {
            throw tooLarge(max);
        }
        MediaType type = context.getMediaType();
        boolean json = type != null && (type.getSubtype().equalsIgnoreCase("json")
                || type.getSubtype().toLowerCase(Locale.ROOT).endsWith("+json"));
        context.setInputStream(new CheckedBody(context.getInputStream(), max, json));
        return context.proceed();
    }

    private static boolean longerThan(String length, long max) {
        try {
            return Long.parseLong(length) > max;
        } catch (NumberFormatException e) {
            // Only digits make a Content-Length, so anything else is beyond any limit.
            return length.chars().allMatch(Character::isDigit) && !length.isEmpty();
        }
    }

    static DomainException tooLarge(long max) {
        return DomainException.tooLarge("request-too-large",
                "the request body is larger than " + max + " bytes, the limit " + Limits.MAX_REQUEST_BYTES + " = "
                        + max + "; send less, or ask the administrator to raise the limit");
    }

    static DomainException nul() {
        return DomainException.invalid("nul-character", "the request body holds the character U+0000 (NUL), which no"
                + " field may hold; remove it", null);
    }

    static DomainException tooDeep() {
        return DomainException.invalid("too-deep", "the request body nests lists and objects more than "
                + MAX_JSON_DEPTH + " deep; no request of the API needs that many", null);
    }

    /** Counts the bytes read and refuses the one past the limit; in JSON, follows the nesting as well. */
    private static final class CheckedBody extends FilterInputStream {

        private final long max;
        private final boolean json;
        private long count;
        private int depth;
        private boolean inText;
        private boolean escaped;
        /** After a backslash and u in text: how many of the four hex digits are still to come, and whether all were 0. */
        private int hexLeft;
        private boolean allZero;

        CheckedBody(InputStream in, long max, boolean json) {
            super(in);
            this.max = max;
            this.json = json;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(new byte[] {(byte) b}, 0, 1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                counted(buffer, offset, n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // Skipped bytes are not seen: read them instead, so that they are counted and checked.
            byte[] buffer = new byte[(int) Math.min(n, 8192)];
            int read = read(buffer, 0, buffer.length);
            return Math.max(read, 0);
        }

        private void counted(byte[] bytes, int offset, int length) {
            count += length;
            if (count > max) {
                throw tooLarge(max);
            }
            if (json) {
                follow(bytes, offset, length);
            }
        }

        /**
         * Tracks the depth of [ and { outside strings, and refuses NUL, raw or escaped: PostgreSQL cannot store it, and
         * no value needs it. Bytes of multi-byte UTF-8 characters are never ASCII, so they cannot be mistaken.
         */
        private void follow(byte[] bytes, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                byte c = bytes[i];
                if (c == 0) {
                    throw nul();
                }
                if (hexLeft > 0) {
                    allZero &= c == '0';
                    if (--hexLeft == 0 && allZero) {
                        throw nul();
                    }
                } else if (inText) {
                    if (escaped) {
                        escaped = false;
                        if (c == 'u') {
                            hexLeft = 4;
                            allZero = true;
                        }
                    } else if (c == '\\') {
                        escaped = true;
                    } else if (c == '"') {
                        inText = false;
                    }
                } else if (c == '"') {
                    inText = true;
                } else if (c == '[' || c == '{') {
                    if (++depth > MAX_JSON_DEPTH) {
                        throw tooDeep();
                    }
                } else if (c == ']' || c == '}') {
                    depth--;
                }
            }
        }
    }
}
