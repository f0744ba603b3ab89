package io.lathe.server.valohai;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * One end of a pipeline edge or a pipeline parameter's target: {@code node.kind.key}, split at the first two dots
 * only (as valohai-yaml does), so that keys may hold dots, slashes and globs: {@code train.output.model/*.pb}.
 *
 * @param node the node's name
 * @param kind one of {@link #KINDS}; the plural {@code outputs}, {@code inputs} and {@code parameters} some files
 *     use are read as the singular
 * @param key the output glob, input, parameter, metadata key, environment variable or endpoint file it is about
 */
public record PipelineSocket(String node, String kind, String key) {

    /** The kinds valohai-yaml knows. */
    public static final List<String> KINDS = List.of("output", "input", "parameter", "metadata", "file",
            "deployment", "environment-variable", "dependency");

    public PipelineSocket {
        requireNonNull(node, "node");
        requireNonNull(kind, "kind");
        requireNonNull(key, "key");
    }

    /** The socket as written in {@code valohai.yaml}. */
    @Override
    public String toString() {
        return node + "." + kind + "." + key;
    }

    /** Splits {@code text}; empty when it does not have three non-empty parts. */
    static Optional<PipelineSocket> split(String text) {
        String[] parts = text.split("\\.", 3);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PipelineSocket(parts[0], parts[1], parts[2]));
    }

    /** The singular a plural kind stands for, or the kind itself. */
    static String singular(String kind) {
        return switch (kind) {
            case "outputs", "inputs", "parameters" -> kind.substring(0, kind.length() - 1);
            default -> kind;
        };
    }
}
