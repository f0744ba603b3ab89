package io.lathe.server.plugins.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lathe.plugin.api.PluginException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Guard#everyCall}, the guard a point gets without writing one: the plain time limit on every method, a null
 * answer refused as nonsense, what the plugin throws passed on as a failure naming the instance and the call, and
 * close without a limit.
 */
class PlainGuardTest {

    /** The instances of a point made up for this test. */
    public interface Counter extends AutoCloseable {
        String describe(String what);

        void add(int amount);

        int total();

        @Override
        void close();
    }

    private static final ExtensionPoint<CounterFactory, Counter> COUNTERS = ExtensionPoint.asService("counter",
            "Counter", CounterFactory.class, Counter.class, "counter", Guard.everyCall(Counter.class));

    private final PluginCalls calls = new PluginCalls("1", task -> {
        Thread thread = new Thread(task);
        thread.setDaemon(true);
        return thread;
    }, new PluginFaults());

    @Test
    void everyMethodIsCalledOnThePluginAndAnswersAsItDoes() {
        List<String> seen = new ArrayList<>();
        Counter counter = guarded(new Plugin(seen));

        counter.add(2);
        counter.add(3);

        assertEquals(5, counter.total());
        assertEquals("5 apples", counter.describe("apples"));
        assertTrue(seen.stream().allMatch(thread -> thread.startsWith("lathe-plugin-call-")),
                "every call ran on a thread of the guard's: " + seen);
    }

    @Test
    void aNullAnswerIsNonsense() {
        PluginCallFailure failure = assertThrows(PluginCallFailure.class, () -> guarded(new Plugin(null) {
            @Override
            public String describe(String what) {
                return null;
            }
        }).describe("x"));

        assertEquals("the counter 'test' answered describe with nonsense: null instead of an answer",
                failure.getMessage());
        assertEquals(PluginCallFailure.Reason.NONSENSE, failure.reason());
    }

    @Test
    void whatThePluginThrowsIsAFailureNamingTheInstanceAndTheCall() {
        PluginCallFailure failure = assertThrows(PluginCallFailure.class, () -> guarded(new Plugin(null) {
            @Override
            public void add(int amount) {
                throw new PluginException("too-many", "no more than 10");
            }
        }).add(11));

        assertEquals("the counter 'test' failed add: no more than 10", failure.getMessage());
        assertEquals("too-many", failure.code());
    }

    @Test
    void aCallThatHangsFailsAfterTheTimeLimit() {
        PluginCallFailure failure = assertThrows(PluginCallFailure.class, () -> guarded(new Plugin(null) {
            @Override
            public int total() {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return 0;
            }
        }).total());

        assertEquals("the counter 'test' did not answer total within 1 s", failure.getMessage());
        assertEquals(PluginCallFailure.Reason.TIME_OUT, failure.reason());
    }

    @Test
    void closeClosesThePluginsInstanceAndObjectMethodsStayOnTheGuard() {
        Plugin plugin = new Plugin(null);
        Counter counter = guarded(plugin);

        counter.close();

        assertTrue(plugin.closed);
        assertEquals("guarded the counter 'test'", counter.toString());
        assertEquals(counter, counter);
        assertNotEquals(counter, guarded(plugin));
    }

    private Counter guarded(Counter plugin) {
        return COUNTERS.guard(plugin, new GuardedCalls(calls, new PluginTarget("test-plugin", COUNTERS, "test")));
    }

    /** A factory of the made-up point, which the descriptor needs; never used. */
    private interface CounterFactory extends io.lathe.plugin.api.ServiceFactory<Counter> {
    }

    private static class Plugin implements Counter {
        private final List<String> threads;
        private int total;
        private volatile boolean closed;

        Plugin(List<String> threads) {
            this.threads = threads;
        }

        private void record() {
            if (threads != null) {
                threads.add(Thread.currentThread().getName());
            }
        }

        @Override
        public String describe(String what) {
            record();
            return total + " " + what;
        }

        @Override
        public void add(int amount) {
            record();
            total += amount;
        }

        @Override
        public int total() {
            record();
            return total;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
