package io.lathe.server.executions;

import io.lathe.server.data.Datum;
import io.lathe.server.data.DatumRepository;
import io.lathe.server.data.DatumService;
import io.lathe.server.platform.JsonText;
import io.lathe.server.registry.RegistryOutputs;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Properties of output files given the two ways Valohai reads them: a sidecar {@code <file>.metadata.json} beside
 * the file, or lines {@code {"file": path, "metadata": {...}}} in {@code valohai.metadata.jsonl}. Both are collected
 * while outputs are stored (a sidecar may come before or after its file) and attached once all are stored. A
 * sidecar whose file is missing is kept as an ordinary output.
 */
final class OutputProperties {

    static final String SIDECAR_SUFFIX = ".metadata.json";
    static final String JSONL_FILE = "valohai.metadata.jsonl";
    private static final int MAX_BYTES = 1024 * 1024;

    /**
     * The most bytes of properties held for one execution until its outputs are all stored: without it a job writing
     * thousands of 1 MB sidecars would hold them all in the server's memory. Past it, sidecars are kept as ordinary
     * outputs.
     */
    static final long MAX_HELD_BYTES = 16L * 1024 * 1024;

    private final DatumRepository datums;
    private final DatumService datumService;
    private final RegistryOutputs registry;
    private final Map<String, byte[]> sidecars = new LinkedHashMap<>();
    private final Map<String, JsonObject> properties = new LinkedHashMap<>();
    private long held;

    OutputProperties(DatumRepository datums, DatumService datumService, RegistryOutputs registry) {
        this.datums = datums;
        this.datumService = datumService;
        this.registry = registry;
    }

    /**
     * Keeps {@code path} if it is a properties file.
     *
     * @return the bytes to store as an ordinary output, or empty when the file was taken as properties
     */
    synchronized Optional<InputStream> take(String path, InputStream content) {
        if (!path.endsWith(SIDECAR_SUFFIX) && !path.equals(JSONL_FILE)) {
            return Optional.of(content);
        }
        byte[] bytes = readSmall(content);
        if (bytes.length > MAX_BYTES || held + bytes.length > MAX_HELD_BYTES) {
            return Optional.of(new SequenceInputStream(new ByteArrayInputStream(bytes), content));
        }
        held += bytes.length;
        if (path.equals(JSONL_FILE)) {
            for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
                JsonObject entry = parse(line);
                if (entry != null && entry.get("file") instanceof jakarta.json.JsonString file
                        && entry.get("metadata") instanceof JsonObject metadata) {
                    properties.put(file.getString(), metadata);
                }
            }
        } else {
            sidecars.put(path, bytes);
        }
        return Optional.empty();
    }

    /**
     * Attaches what was collected to the execution's datums, and applies the keys Valohai reserves
     * ({@code valohai.tags}, {@code valohai.alias}).
     */
    synchronized void apply(Execution execution, String store) {
        Map<String, JsonObject> byPath = new LinkedHashMap<>();
        sidecars.forEach((path, bytes) -> {
            String target = path.substring(0, path.length() - SIDECAR_SUFFIX.length());
            JsonObject metadata = parse(new String(bytes, StandardCharsets.UTF_8));
            if (metadata == null || !datums.attachMetadata(execution.id(), target, metadata)) {
                datumService.storeOutput(execution.projectId(), store, execution.id(), execution.creatorId(), path,
                        new ByteArrayInputStream(bytes));
            } else {
                byPath.put(target, metadata);
            }
        });
        properties.forEach((path, metadata) -> {
            if (datums.attachMetadata(execution.id(), path, metadata)) {
                byPath.put(path, metadata);
            }
        });
        if (byPath.isEmpty()) {
            return;
        }
        Map<Datum, JsonObject> withProperties = new LinkedHashMap<>();
        for (Datum datum : datums.producedBy(execution.id())) {
            JsonObject metadata = byPath.get(datum.name());
            if (metadata != null) {
                datumService.applyReservedProperties(datum, metadata, execution.creatorId());
                withProperties.put(datum, metadata);
            }
        }
        registry.apply(execution.projectId(), execution.id(), execution.creatorId(), withProperties);
    }

    private static JsonObject parse(String text) {
        if (text.isBlank()) {
            return null;
        }
        try {
            JsonValue value = JsonText.value(text);
            return value instanceof JsonObject object ? object : null;
        } catch (JsonParsingException | IllegalStateException e) {
            return null;
        }
    }

    /** Reads the whole stream, or a little more than {@link #MAX_BYTES} of it when it is longer. */
    private static byte[] readSmall(InputStream content) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while (out.size() <= MAX_BYTES && (n = content.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
