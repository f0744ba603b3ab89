package io.lathe.plugin.api.notify;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lathe.plugin.api.PluginException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every {@link Notifier} must show. A notifier's test runs a receiver of its own (an HTTP server, a
 * test SMTP server...), extends this class, and says how to make a notifier that delivers to that receiver and how
 * to read what the receiver got.
 *
 * <p>The notifier is created on first use in a test, after the subclass's own {@code @BeforeEach} methods (so the
 * receiver is up by then), and closed after the test. Since {@link Notifier#deliver} returns only once the
 * receiving end accepted the event, the tests read {@link #receivedMessages()} right after delivering. Test methods
 * are public so that a notifier that truly cannot meet one may override it, and must then say why.
 */
public abstract class NotifierContract {

    private Path tempDir;
    private Notifier notifier;

    /**
     * Makes a notifier that delivers to the subclass's receiver.
     *
     * @param tempDir a folder private to the current test, deleted after it
     */
    protected abstract Notifier createNotifier(Path tempDir) throws Exception;

    /**
     * The text of every message the receiver got in the current test, in order of arrival, in the form the channel
     * carries it (a request body, a mail's text). Must be safe to call while deliveries are under way.
     */
    protected abstract List<String> receivedMessages();

    /**
     * Makes the receiver refuse every later delivery (answer with an error, drop the connection). The default skips
     * the test that needs it; override it when the receiver can.
     */
    protected void makeReceiverRefuse() {
        Assumptions.abort("this receiver cannot be made to refuse deliveries");
    }

    /** The notifier under test, created on first use. */
    protected final Notifier notifier() {
        if (notifier == null) {
            try {
                notifier = createNotifier(tempDir);
            } catch (Exception e) {
                throw new AssertionError("could not create the notifier under test", e);
            }
        }
        return notifier;
    }

    @BeforeEach
    final void rememberTempDir(@TempDir Path tempDir) {
        this.tempDir = tempDir;
    }

    @AfterEach
    final void closeNotifier() {
        if (notifier != null) {
            notifier.close();
            notifier = null;
        }
    }

    @Test
    public void aDeliveredEventReachesTheReceiver() {
        notifier().deliver(event("Execution #12 completed", Map.of("execution", 12L, "status", "complete")));

        List<String> messages = receivedMessages();
        assertEquals(1, messages.size(), "messages received: " + messages);
        assertTrue(messages.get(0).contains("Execution #12 completed"), "the title is missing: " + messages.get(0));
    }

    @Test
    public void eachDeliveryArrivesOnceInOrder() {
        for (int i = 1; i <= 3; i++) {
            notifier().deliver(event("event number " + i, Map.of()));
        }

        List<String> messages = receivedMessages();
        assertEquals(3, messages.size(), "messages received: " + messages);
        for (int i = 1; i <= 3; i++) {
            assertTrue(messages.get(i - 1).contains("event number " + i), messages.get(i - 1));
        }
    }

    @Test
    public void anEventWithAnEmptyBodyAndNoDataIsDelivered() {
        notifier().deliver(new Event("execution.queued", "demo", "empty-event", "", "http://localhost:8080/x",
                Instant.parse("2025-01-01T00:00:00Z"), Map.of()));

        assertEquals(1, receivedMessages().size());
    }

    @Test
    public void textThatNeedsEscapingIsDelivered() {
        String awkward = "marker-7 \"quoted\" back\\slash\nnew line\ttab \u0001 caf\u00e9 \u6570\u636e "
                + "\uD83D\uDE80 </script> \u2028";

        notifier().deliver(new Event("execution.error", "proj \"x\"", awkward, awkward,
                "http://localhost:8080/?a=1&b=2", Instant.parse("2025-01-01T00:00:00Z"), Map.of("log", awkward)));

        List<String> messages = receivedMessages();
        assertEquals(1, messages.size());
        assertTrue(messages.get(0).contains("marker-7"), messages.get(0));
    }

    @Test
    public void nestedDataIsDelivered() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("metrics", Map.of("loss", 0.125, "accuracy", 0.98));
        data.put("tags", List.of("a", "b"));
        data.put("count", 3L);
        data.put("ok", true);
        data.put("rows", List.of(Map.of("step", 1L), Map.of("step", 2L)));

        notifier().deliver(event("nested-data", data));

        assertEquals(1, receivedMessages().size());
    }

    @Test
    @Timeout(60)
    public void concurrentDeliveriesAllArrive() throws Exception {
        Notifier shared = notifier();
        List<Callable<Void>> deliveries = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String title = "concurrent-" + i + "-of-16";
            deliveries.add(() -> {
                shared.deliver(event(title, Map.of()));
                return null;
            });
        }
        ExecutorService executor = Executors.newFixedThreadPool(4);
        try {
            for (Future<Void> done : executor.invokeAll(deliveries)) {
                done.get();
            }
        } finally {
            executor.shutdownNow();
        }

        List<String> messages = receivedMessages();
        assertEquals(16, messages.size());
        for (int i = 0; i < 16; i++) {
            String title = "concurrent-" + i + "-of-16";
            assertEquals(1, messages.stream().filter(m -> m.contains(title)).count(), title);
        }
    }

    @Test
    public void aRefusedDeliveryThrowsAPluginException() {
        Notifier instance = notifier();
        makeReceiverRefuse();

        assertThrows(PluginException.class, () -> instance.deliver(event("refused", Map.of())));
    }

    @Test
    public void closingTwiceIsHarmless() {
        Notifier instance = notifier();

        instance.close();

        assertDoesNotThrow(instance::close);
    }

    /** An {@code execution.complete} event of project {@code demo} with {@code title}, a body and {@code data}. */
    protected static Event event(String title, Map<String, Object> data) {
        return new Event("execution.complete", "demo", title, "It finished after 3 minutes.",
                "http://localhost:8080/projects/demo/executions/12", Instant.parse("2025-03-04T05:06:07Z"), data);
    }
}
