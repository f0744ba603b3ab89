package io.lathe.server.executions;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.util.List;
import java.util.Optional;

/**
 * Feeds one connection with an execution's log as events: reads what is written, waits for more while the log is
 * open, and ends with the execution's status. Event ids are byte offsets, so a reconnecting client resumes exactly
 * where it stopped. The connection is a {@link Sink}: the REST layer writes its events as Server-Sent Events.
 */
@ApplicationScoped
public class LogEventStream {

    private static final long WAIT_MILLIS = 15_000;

    /** Where the events go. */
    public interface Sink {

        /** Whether the client has gone: the stream then ends. */
        boolean isClosed();

        /** One event: a name ({@code log} or {@code status}), its data (a JSON object) and its id. */
        void event(String name, String data, long id);

        /** A comment, which clients ignore: sent while nothing happens, so that proxies keep the connection. */
        void comment(String text);
    }

    @Inject
    ExecutionLogs logs;
    @Inject
    ExecutionRepository executions;

    void send(String id, long start, Sink sink) {
        try {
            long offset = start;
            long lastSent = System.currentTimeMillis();
            while (!sink.isClosed()) {
                List<ExecutionLogs.Segment> segments = logs.read(id, offset, ExecutionOutputResource.READ_BYTES);
                for (ExecutionLogs.Segment segment : segments) {
                    offset = segment.offset() + segment.text().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
                    String data = Json.createObjectBuilder()
                            .add("offset", segment.offset())
                            .add("stream", LogStreams.apiName(segment.stream()))
                            .add("text", segment.text())
                            .build().toString();
                    sink.event("log", data, offset);
                    lastSent = System.currentTimeMillis();
                }
                if (!segments.isEmpty()) {
                    continue;
                }
                Execution execution = executions.find(id).orElseThrow();
                Optional<ExecutionLog> live = logs.live(id);
                if (execution.status().isTerminal() && offset >= logs.length(id)) {
                    sink.event("status", statusJson(execution), offset);
                    return;
                }
                if (live.isPresent() && !live.get().isClosed()) {
                    live.get().awaitBeyond(offset, WAIT_MILLIS);
                } else {
                    // Not written here (yet, or by another server): look again shortly.
                    Thread.sleep(ExecutionLogs.FLUSH_MILLIS);
                }
                // While nothing comes, a comment now and then keeps proxies from closing the connection and tells
                // this loop when the reader has gone.
                if (System.currentTimeMillis() - lastSent >= WAIT_MILLIS) {
                    sink.comment("waiting");
                    lastSent = System.currentTimeMillis();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String statusJson(Execution execution) {
        var builder = Json.createObjectBuilder().add("status", execution.status().apiName());
        if (execution.exitCode() != null) {
            builder.add("exit_code", execution.exitCode());
        }
        return builder.build().toString();
    }
}
