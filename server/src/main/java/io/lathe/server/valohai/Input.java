package io.lathe.server.valohai;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A step input: files the execution gets in {@code /valohai/inputs/<name>/}.
 *
 * @param name at most 64 characters, unique within the step
 * @param defaults default URIs ({@code s3://…}, {@code datum://…}, {@code dataset://…}, may hold wildcards and
 *     {@code {parameter:NAME}}); empty when there is no default
 * @param optional whether the execution may run without it
 * @param description help text
 * @param filename forces the downloaded file's name (ignored when there are several files)
 * @param keepDirectories how much of the storage path wildcard matches keep
 * @param download when the files are fetched
 * @param edgeMergeMode {@code replace} or {@code append}: what pipeline edges do to the defaults
 * @param overrideMode {@code replace} or {@code append}: what values given at launch do to the defaults
 */
public record Input(
        String name,
        List<String> defaults,
        boolean optional,
        Optional<String> description,
        Optional<String> filename,
        KeepDirectories keepDirectories,
        Download download,
        Optional<String> edgeMergeMode,
        Optional<String> overrideMode) {

    /** {@code keep-directories}: {@code false} is {@link #NONE}, {@code true} is {@link #FULL}. */
    public enum KeepDirectories {
        /** All files flat in the input's folder. */
        NONE,
        /** The whole storage path is kept. */
        FULL,
        /** The path below the wildcard's root is kept. */
        SUFFIX;

        String yamlName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** {@code download}: fetched before the command runs, or on request through the API. */
    public enum Download {
        ALWAYS("always"),
        ON_DEMAND("on-demand");

        private final String yamlName;

        Download(String yamlName) {
            this.yamlName = yamlName;
        }

        String yamlName() {
            return yamlName;
        }
    }

    /** Checks for nulls and copies the defaults. */
    public Input {
        requireNonNull(name, "name");
        defaults = List.copyOf(defaults);
        requireNonNull(description, "description");
        requireNonNull(filename, "filename");
        requireNonNull(keepDirectories, "keepDirectories");
        requireNonNull(download, "download");
        requireNonNull(edgeMergeMode, "edgeMergeMode");
        requireNonNull(overrideMode, "overrideMode");
    }

    /** The input as JSON-ready data in {@code valohai.yaml}'s key names, leaving out what is unset or default. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", name);
        if (defaults.size() == 1) {
            map.put("default", defaults.get(0));
        } else if (!defaults.isEmpty()) {
            map.put("default", defaults);
        }
        map.put("optional", optional);
        Plain.putIfPresent(map, "description", description);
        Plain.putIfPresent(map, "filename", filename);
        if (keepDirectories != KeepDirectories.NONE) {
            map.put("keep-directories", keepDirectories.yamlName());
        }
        if (download != Download.ALWAYS) {
            map.put("download", download.yamlName());
        }
        Plain.putIfPresent(map, "edge-merge-mode", edgeMergeMode);
        Plain.putIfPresent(map, "override-mode", overrideMode);
        return map;
    }
}
