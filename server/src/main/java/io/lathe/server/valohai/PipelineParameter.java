package io.lathe.server.valohai;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A parameter of a whole pipeline, whose value is set on the node parameters it targets.
 *
 * @param name unique in the pipeline
 * @param defaultValue {@code default} (or {@code value}) as plain data; a list makes a task node fan out
 * @param description shown on the start form
 * @param category groups parameters on the start form
 * @param targets the node parameters it sets, each {@code node.parameter.name}
 */
public record PipelineParameter(String name, Optional<Object> defaultValue, Optional<String> description,
        Optional<String> category, List<PipelineSocket> targets) {

    public PipelineParameter {
        requireNonNull(name, "name");
        defaultValue = requireNonNull(defaultValue, "defaultValue").map(Plain::freeze);
        requireNonNull(description, "description");
        requireNonNull(category, "category");
        targets = List.copyOf(targets);
    }
}
