package io.lathe.server.registry;

import io.lathe.server.data.Datum;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Makes dataset and model versions from an execution's output properties, as Valohai does:
 * {@code valohai.dataset-versions} ({@code "dataset://name/version"} or {@code {"uri", "from", "start_fresh",
 * "exclude"}}) and {@code valohai.model-versions} ({@code "model://name/"} or {@code {"model_uri",
 * "model_version_tags", "model_release_note"}}). Every file of one execution naming the same version goes into it.
 */
@ApplicationScoped
public class RegistryOutputs {

    private static final Logger LOG = Logger.getLogger(RegistryOutputs.class.getName());

    @Inject
    DatasetService datasets;
    @Inject
    ModelRegistry models;

    private static final class PendingDataset {
        final List<String> files = new ArrayList<>();
        String from;
        final List<String> exclude = new ArrayList<>();
    }

    private static final class PendingModel {
        final List<String> files = new ArrayList<>();
        String releaseNote;
        List<String> tags;
    }

    /**
     * Creates the versions the properties ask for. A version that cannot be made (it exists, its base is unknown) is
     * reported in the log and skipped: the outputs are stored either way.
     */
    public void apply(String projectId, String executionId, String userId, Map<Datum, JsonObject> properties) {
        Map<String, PendingDataset> datasetVersions = new LinkedHashMap<>();
        Map<String, PendingModel> modelVersions = new LinkedHashMap<>();
        properties.forEach((datum, metadata) -> {
            if (metadata.get("valohai.dataset-versions") instanceof JsonArray wanted) {
                for (JsonValue entry : wanted) {
                    collectDataset(datum, entry, datasetVersions);
                }
            }
            if (metadata.get("valohai.model-versions") instanceof JsonArray wanted) {
                for (JsonValue entry : wanted) {
                    collectModel(datum, entry, modelVersions);
                }
            }
        });
        datasetVersions.forEach((uri, pending) -> {
            String[] parts = uri.substring("dataset://".length()).split("/", 2);
            String from = pending.from == null ? null : pending.from.substring(pending.from.lastIndexOf('/') + 1);
            try {
                datasets.createVersion(projectId, new DatasetService.VersionSpec(parts[0], parts[1], pending.files,
                        from, pending.exclude), executionId, userId);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "execution " + executionId + ": no dataset version " + uri + ": "
                        + e.getMessage());
            }
        });
        modelVersions.forEach((name, pending) -> {
            try {
                models.createVersion(projectId, name, pending.files, pending.releaseNote,
                        pending.tags, executionId, userId);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "execution " + executionId + ": no version of model " + name + ": "
                        + e.getMessage());
            }
        });
    }

    private static void collectDataset(Datum datum, JsonValue entry, Map<String, PendingDataset> versions) {
        String uri = uri(entry, "uri", "dataset://[^/]+/[^/]+");
        if (uri == null) {
            return;
        }
        PendingDataset pending = versions.computeIfAbsent(uri, k -> new PendingDataset());
        pending.files.add(datum.id());
        if (entry instanceof JsonObject object) {
            boolean startFresh = object.getBoolean("start_fresh", false);
            if (!startFresh && object.get("from") instanceof JsonString from) {
                pending.from = from.getString();
            }
            if (object.get("exclude") instanceof JsonArray exclude) {
                exclude.getValuesAs(JsonValue.class).forEach(v -> {
                    if (v instanceof JsonString name) {
                        pending.exclude.add(name.getString());
                    }
                });
            }
        }
    }

    private static void collectModel(Datum datum, JsonValue entry, Map<String, PendingModel> versions) {
        String uri = uri(entry, "model_uri", "model://[^/]+/?");
        if (uri == null) {
            return;
        }
        String name = uri.substring("model://".length()).replace("/", "");
        PendingModel pending = versions.computeIfAbsent(name, k -> new PendingModel());
        pending.files.add(datum.id());
        if (entry instanceof JsonObject object) {
            if (object.get("model_release_note") instanceof JsonString note) {
                pending.releaseNote = note.getString();
            }
            if (object.get("model_version_tags") instanceof JsonArray tags) {
                pending.tags = tags.stream().map(tag -> tag instanceof JsonString text ? text.getString()
                        : tag.toString()).toList();
            }
        }
    }

    /** The URI an entry names (the entry itself, or its {@code key}) when it is of the form {@code pattern}. */
    private static String uri(JsonValue entry, String key, String pattern) {
        String uri = entry instanceof JsonString text ? text.getString()
                : entry instanceof JsonObject object && object.get(key) instanceof JsonString text
                ? text.getString() : null;
        return uri != null && uri.matches(pattern) ? uri : null;
    }
}
