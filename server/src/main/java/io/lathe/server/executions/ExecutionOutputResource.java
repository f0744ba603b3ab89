package io.lathe.server.executions;

import io.lathe.server.auth.Access;
import io.lathe.server.platform.DomainException;
import io.lathe.server.platform.LatheDataSource;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * What an execution printed: its log as plain text from an offset, the same live as Server-Sent Events, and its
 * metadata points as one JSON list or as chart series. (Jersey merges this class with {@link ExecutionResource}: same root path.)
 */
@Path("executions")
public class ExecutionOutputResource {

    static final int READ_BYTES = 256 * 1024;

    @Inject
    ExecutionService service;
    @Inject
    ExecutionLogs logs;
    @Inject
    LogEventStream eventStream;

    @Resource(lookup = LatheDataSource.JNDI_NAME)
    private DataSource dataSource;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    private ManagedExecutorService executor;

    /**
     * The log from byte {@code offset} on (stdout and stderr interleaved). The header {@code Lathe-Log-Offset} is
     * where the next read should start.
     */
    @GET
    @Path("{id}/logs")
    @Produces(MediaType.TEXT_PLAIN + ";charset=utf-8")
    @Access(value = Access.Rule.PROJECT_READ, on = Access.On.EXECUTION)
    public Response log(@PathParam("id") String id, @QueryParam("offset") @DefaultValue("0") long offset) {
        service.get(id);
        if (offset < 0) {
            throw DomainException.invalid("invalid-offset", "offset must be 0 or more", "offset");
        }
        long end = Math.max(offset, logs.length(id));
        StreamingOutput body = out -> {
            long position = offset;
            while (position < end) {
                var segments = logs.read(id, position, READ_BYTES);
                if (segments.isEmpty()) {
                    break;
                }
                for (var segment : segments) {
                    byte[] bytes = segment.text().getBytes(StandardCharsets.UTF_8);
                    out.write(bytes);
                    position = segment.offset() + bytes.length;
                }
            }
        };
        return Response.ok(body).header("Lathe-Log-Offset", end).build();
    }

    /**
     * The log live: {@code log} events ({@code {offset, stream, text}}) from {@code offset} (or the
     * {@code Last-Event-ID} a reconnecting browser sends) while the execution runs, then one {@code status} event.
     */
    @GET
    @Path("{id}/logs/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Access(value = Access.Rule.PROJECT_READ, on = Access.On.EXECUTION)
    public void stream(@PathParam("id") String id, @QueryParam("offset") @DefaultValue("0") long offset,
            @HeaderParam("Last-Event-ID") Long lastEventId, @Context SseEventSink sink, @Context Sse sse) {
        service.get(id);
        long start = lastEventId != null ? lastEventId : offset;
        executor.submit(() -> {
            try (sink) {
                eventStream.send(id, start, new SseLogEvents(sink, sse));
            }
        });
    }

    /** The log's events as Server-Sent Events. */
    private record SseLogEvents(SseEventSink sink, Sse sse) implements LogEventStream.Sink {

        @Override
        public boolean isClosed() {
            return sink.isClosed();
        }

        @Override
        public void event(String name, String data, long id) {
            sink.send(sse.newEventBuilder().name(name).id(Long.toString(id)).mediaType(MediaType.APPLICATION_JSON_TYPE)
                    .data(String.class, data).build());
        }

        @Override
        public void comment(String text) {
            sink.send(sse.newEventBuilder().comment(text).build());
        }
    }

    /** Every metadata point, in order, as one JSON list, streamed from the database. */
    @GET
    @Path("{id}/metadata")
    @Produces(MediaType.APPLICATION_JSON)
    @Access(value = Access.Rule.PROJECT_READ, on = Access.On.EXECUTION)
    public StreamingOutput metadata(@PathParam("id") String id) {
        service.get(id);
        return out -> writeMetadata(id, out);
    }

    /** The most points a series may be asked for, and the default. */
    static final int MAX_SERIES_POINTS = 10_000;
    static final int MIN_SERIES_POINTS = 10;

    /**
     * Every numeric metadata key as a chart series against {@code step}, {@code epoch} or position, downsampled on
     * the server to at most {@code points} points each (see {@link MetricSeries}), with the execution's status so a
     * live chart knows when to stop asking.
     */
    @GET
    @Path("{id}/metadata/series")
    @Produces(MediaType.APPLICATION_JSON)
    @Access(value = Access.Rule.PROJECT_READ, on = Access.On.EXECUTION)
    public StreamingOutput metadataSeries(@PathParam("id") String id,
            @QueryParam("points") @DefaultValue("1000") int points) {
        Execution execution = service.get(id);
        if (points < MIN_SERIES_POINTS || points > MAX_SERIES_POINTS) {
            throw DomainException.invalid("invalid-points", "points must be between " + MIN_SERIES_POINTS + " and "
                    + MAX_SERIES_POINTS, "points");
        }
        MetadataSeries series;
        try {
            series = MetadataSeries.read(dataSource, id, points);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the metadata of " + id, e);
        }
        return out -> writeSeries(execution, points, series, out);
    }

    private static void writeSeries(Execution execution, int points, MetadataSeries series, OutputStream out) {
        try (JsonGenerator json = Json.createGenerator(new BufferedOutputStream(out, 64 * 1024))) {
            json.writeStartObject()
                    .write("execution", execution.id())
                    .write("status", execution.status().apiName())
                    .write("points", points)
                    .write("metadata_points", series.points())
                    .write("keys_omitted", series.keysOmitted())
                    .writeStartArray("series");
            for (MetricSeries.Result result : series.results()) {
                json.writeStartObject()
                        .write("key", result.key())
                        .write("x_axis", result.axis().apiName)
                        .write("count", result.count())
                        .write("downsampled", result.downsampled());
                writeNumbers(json, "x", result.x());
                writeNumbers(json, "y", result.y());
                json.writeEnd();
            }
            json.writeEnd().writeEnd();
        }
    }

    /** Whole numbers without a fraction ({@code 3}, not {@code 3.0}): steps and counters read as printed. */
    private static void writeNumbers(JsonGenerator json, String name, double[] numbers) {
        json.writeStartArray(name);
        for (double number : numbers) {
            if (number == Math.rint(number) && Math.abs(number) < 1e15) {
                json.write((long) number);
            } else {
                json.write(number);
            }
        }
        json.writeEnd();
    }

    private void writeMetadata(String id, OutputStream out) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT data FROM metadata_chunk WHERE execution_id = ? ORDER BY seq")) {
            query.setString(1, id);
            query.setFetchSize(16);
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
            writer.write('[');
            try (ResultSet rows = query.executeQuery()) {
                boolean first = true;
                while (rows.next()) {
                    if (!first) {
                        writer.write(',');
                    }
                    // Points are one per line within a chunk; JSON text itself never holds a raw newline.
                    writer.write(rows.getString(1).replace('\n', ','));
                    first = false;
                }
            }
            writer.write(']');
            writer.flush();
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException("cannot read the metadata of " + id, e);
        }
    }
}
