package io.lathe.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lathe.server.platform.DomainException;
import io.lathe.server.platform.Limits;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestBodyLimitTest {

    private final RequestBodyLimit limit = new RequestBodyLimit();

    {
        limit.limits = new Limits(100, 1, 1, 1, 1, 1);
    }

    @Test
    void aBodyWithinTheLimitIsReadWhole() throws IOException {
        assertEquals(100, limit.aroundReadFrom(context(Map.class, 100, "100")));
        assertEquals(100, limit.aroundReadFrom(context(Map.class, 100, null)));
    }

    @Test
    void aBodyDeclaredLargerIsRefusedBeforeReadingNamingTheLimit() {
        DomainException refused = assertThrows(DomainException.class,
                () -> limit.aroundReadFrom(context(Map.class, 0, "101")));
        assertEquals(DomainException.Kind.TOO_LARGE, refused.kind());
        assertEquals("request-too-large", refused.code());
        assertTrue(refused.getMessage().contains("LATHE_MAX_REQUEST_BYTES = 100"), refused.getMessage());
        assertEquals(DomainException.Kind.TOO_LARGE, assertThrows(DomainException.class,
                () -> limit.aroundReadFrom(context(Map.class, 0, "99999999999999999999999"))).kind());
    }

    @Test
    void aChunkedBodyIsRefusedWhenItsByteBeyondTheLimitIsRead() {
        DomainException refused = assertThrows(DomainException.class,
                () -> limit.aroundReadFrom(context(Map.class, 101, null)));
        assertEquals(DomainException.Kind.TOO_LARGE, refused.kind());
    }

    @Test
    void jsonNestedDeeperThanAnyRequestNeedsIsRefusedWith400() throws IOException {
        RequestBodyLimit limit = new RequestBodyLimit();
        limit.limits = new Limits(10_000, 1, 1, 1, 1, 1);
        String deep = "[".repeat(RequestBodyLimit.MAX_JSON_DEPTH + 1) + "]".repeat(RequestBodyLimit.MAX_JSON_DEPTH + 1);
        DomainException refused = assertThrows(DomainException.class,
                () -> limit.aroundReadFrom(context(Map.class, bytes("{\"a\":" + deep + "}"), null)));
        assertEquals(DomainException.Kind.INVALID, refused.kind());
        assertEquals("too-deep", refused.code());

        String atTheLimit = "[".repeat(RequestBodyLimit.MAX_JSON_DEPTH) + "]".repeat(RequestBodyLimit.MAX_JSON_DEPTH);
        String brackets = "{\"text\":\"" + "[{\\\"".repeat(50) + "\"}";
        assertEquals(atTheLimit.length(), limit.aroundReadFrom(context(Map.class, bytes(atTheLimit), null)));
        assertEquals(brackets.length(), limit.aroundReadFrom(context(Map.class, bytes(brackets), null)));
    }

    @Test
    void jsonHoldingTheNulCharacterIsRefusedWith400() throws IOException {
        for (String body : new String[] {"{\"description\":\"a\\u0000b\"}", "{\"a\":\"x\u0000\"}"}) {
            DomainException refused = assertThrows(DomainException.class,
                    () -> limit.aroundReadFrom(context(Map.class, bytes(body), null)), body);
            assertEquals("nul-character", refused.code());
        }
        String escapedBackslash = "{\"a\":\"\\\\u0000\"}";
        assertEquals(escapedBackslash.length(), limit.aroundReadFrom(context(Map.class, bytes(escapedBackslash), null)));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void aBodyTheResourceStreamsIsLeftToItsOwnLimit() throws IOException {
        assertEquals(5_000, limit.aroundReadFrom(context(InputStream.class, 5_000, "5000")));
    }

    /** A context whose reader reads the whole body and answers how many bytes it read. */
    /** A body of {@code bodyBytes} spaces, which JSON allows anywhere. */
    private static ReaderInterceptorContext context(Class<?> type, int bodyBytes, String contentLength) {
        return context(type, bytes(" ".repeat(bodyBytes)), contentLength);
    }

    private static ReaderInterceptorContext context(Class<?> type, byte[] bodyBytes, String contentLength) {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        if (contentLength != null) {
            headers.putSingle("Content-Length", contentLength);
        }
        InputStream[] body = {new ByteArrayInputStream(bodyBytes)};
        return (ReaderInterceptorContext) Proxy.newProxyInstance(RequestBodyLimitTest.class.getClassLoader(),
                new Class<?>[] {ReaderInterceptorContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getType" -> type;
                    case "getMediaType" -> MediaType.APPLICATION_JSON_TYPE;
                    case "getHeaders" -> headers;
                    case "getInputStream" -> body[0];
                    case "setInputStream" -> {
                        body[0] = (InputStream) args[0];
                        yield null;
                    }
                    case "proceed" -> {
                        try {
                            yield body[0].readAllBytes().length;
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
