package io.lathe.plugins.notifier.webhook;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lathe.plugin.api.PluginException;
import io.lathe.plugin.api.RetriablePluginException;
import io.lathe.plugin.api.config.Settings;
import io.lathe.plugin.api.notify.Event;
import io.lathe.plugin.api.notify.Notifier;
import io.lathe.plugin.api.testkit.TestPluginContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class WebhookNotifierTest {

    private static final Event EVENT = new Event("execution.complete", "demo", "Execution #12 completed",
            "It ran for 3 minutes.", "http://localhost:8080/p/demo/executions/12",
            Instant.parse("2025-03-04T05:06:07Z"), Map.of("execution", 12L, "status", "complete"));

    @TempDir
    Path tempDir;

    private RecordingReceiver receiver;

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = new RecordingReceiver();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void theEventIsPostedAsAJsonObject() {
        try (Notifier notifier = notifier(Map.of())) {
            notifier.deliver(EVENT);
        }

        RecordingReceiver.Request request = single();
        assertEquals("POST", request.method());
        assertEquals("/hooks/lathe", request.uri().getPath());
        assertEquals("{\"type\":\"execution.complete\",\"project\":\"demo\",\"title\":\"Execution #12 completed\","
                + "\"body\":\"It ran for 3 minutes.\",\"url\":\"http://localhost:8080/p/demo/executions/12\","
                + "\"time\":\"2025-03-04T05:06:07Z\",\"data\":{\"execution\":12,\"status\":\"complete\"}}",
                request.text());
    }

    @Test
    void requestsSayTheyCarryJsonAndNameTheEvent() {
        try (Notifier notifier = notifier(Map.of())) {
            notifier.deliver(EVENT);
        }

        RecordingReceiver.Request request = single();
        assertEquals("application/json", request.header("Content-Type"));
        assertEquals("execution.complete", request.header("X-Lathe-Event"));
        assertEquals("Lathe-Webhook", request.header("User-Agent"));
    }

    @Test
    void withASecretTheBodyIsSignedWithHmacSha256() throws Exception {
        try (Notifier notifier = notifier(Map.of("secret", "it's a secret"))) {
            notifier.deliver(EVENT);
        }

        RecordingReceiver.Request request = single();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("it's a secret".getBytes(UTF_8), "HmacSHA256"));
        String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(request.body()));
        assertEquals(expected, request.header("X-Lathe-Signature"));
    }

    @Test
    void aKnownSignatureMatches() {
        // HMAC-SHA256("key", "The quick brown fox jumps over the lazy dog"), a widely published test value.
        assertEquals("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8",
                new Signer("key").sign("The quick brown fox jumps over the lazy dog".getBytes(UTF_8)));
    }

    @Test
    void withoutASecretThereIsNoSignature() {
        try (Notifier notifier = notifier(Map.of())) {
            notifier.deliver(EVENT);
        }

        assertNull(single().header("X-Lathe-Signature"));
    }

    @Test
    void theQueryOfTheUrlIsKept() {
        try (Notifier notifier = notifier(Map.of("url", receiver.url("/hook?token=abc&x=1").toString()))) {
            notifier.deliver(EVENT);
        }

        assertEquals("token=abc&x=1", single().uri().getQuery());
    }

    @Test
    void anyTwoHundredAnswerIsSuccess() {
        receiver.answerWith(202, "queued");

        try (Notifier notifier = notifier(Map.of())) {
            notifier.deliver(EVENT);
        }

        assertEquals(1, receiver.requests().size());
    }

    @Test
    void aServerErrorIsRetriableAndQuotesTheAnswer() {
        receiver.answerWith(503, "down for maintenance");

        PluginException thrown = deliverExpectingFailure();

        assertInstanceOf(RetriablePluginException.class, thrown);
        assertEquals("webhook-unavailable", thrown.code());
        assertTrue(thrown.getMessage().contains("503: down for maintenance"), thrown.getMessage());
    }

    @Test
    void throttlingIsRetriable() {
        receiver.answerWith(429, "slow down");

        PluginException thrown = deliverExpectingFailure();

        assertInstanceOf(RetriablePluginException.class, thrown);
        assertEquals("webhook-unavailable", thrown.code());
    }

    @Test
    void aClientErrorIsNotRetriable() {
        receiver.answerWith(404, "no such hook");

        PluginException thrown = deliverExpectingFailure();

        assertFalse(thrown instanceof RetriablePluginException, "a 404 was marked retriable");
        assertEquals("webhook-rejected", thrown.code());
        assertTrue(thrown.getMessage().contains("404"), thrown.getMessage());
    }

    @Test
    void aRedirectIsNotFollowed() {
        receiver.answerWith(302, "", Map.of("Location", receiver.url("/elsewhere").toString()));

        PluginException thrown = deliverExpectingFailure();

        assertFalse(thrown instanceof RetriablePluginException);
        assertEquals("webhook-rejected", thrown.code());
        assertEquals(1, receiver.requests().size(), "the redirect was followed");
    }

    @Test
    void aLongErrorAnswerIsCutShort() {
        receiver.answerWith(400, "x".repeat(100_000));

        PluginException thrown = deliverExpectingFailure();

        assertTrue(thrown.getMessage().length() < 400, "message of " + thrown.getMessage().length() + " chars");
    }

    @Test
    @Timeout(30)
    void aReceiverThatDoesNotAnswerTimesOutRetriably() {
        receiver.stall();

        PluginException thrown;
        try (Notifier notifier = notifier(Map.of("timeout-seconds", "1"))) {
            thrown = assertThrows(PluginException.class, () -> notifier.deliver(EVENT));
        }

        assertInstanceOf(RetriablePluginException.class, thrown);
        assertEquals("webhook-timeout", thrown.code());
    }

    @Test
    void anUnreachableReceiverIsRetriable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        PluginException thrown;
        try (Notifier notifier = notifier(Map.of("url", "http://127.0.0.1:" + closedPort + "/hook"))) {
            thrown = assertThrows(PluginException.class, () -> notifier.deliver(EVENT));
        }

        assertInstanceOf(RetriablePluginException.class, thrown);
        assertEquals("webhook-unreachable", thrown.code());
    }

    @Test
    void dataThatIsNoJsonIsAnInvalidEvent() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("when", Instant.EPOCH);
        Event event = new Event("x", "p", "t", "", "u", Instant.EPOCH, data);

        PluginException thrown;
        try (Notifier notifier = notifier(Map.of())) {
            thrown = assertThrows(PluginException.class, () -> notifier.deliver(event));
        }

        assertEquals("invalid-event", thrown.code());
        assertEquals(List.of(), receiver.requests());
    }

    private PluginException deliverExpectingFailure() {
        try (Notifier notifier = notifier(Map.of())) {
            return assertThrows(PluginException.class, () -> notifier.deliver(EVENT));
        }
    }

    private Notifier notifier(Map<String, String> overrides) {
        Map<String, String> given = new LinkedHashMap<>();
        given.put("url", receiver.url("/hooks/lathe").toString());
        given.putAll(overrides);
        WebhookNotifierFactory factory = new WebhookNotifierFactory();
        assertEquals(List.of(), factory.validate(given));
        return factory.create(Settings.of(factory.configProperties(), given), new TestPluginContext(tempDir));
    }

    private RecordingReceiver.Request single() {
        List<RecordingReceiver.Request> requests = receiver.requests();
        assertEquals(1, requests.size(), "requests received");
        return requests.get(0);
    }
}
