package io.lathe.server.valohai;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * An edge of a pipeline: what flows from {@code source} to {@code target}.
 *
 * @param source where the value comes from ({@code train.output.model*}, {@code prep.metadata.count}, ...)
 * @param target where it goes ({@code eval.input.model}, {@code deploy.file.predict.model}, ...)
 * @param configuration the full form's {@code configuration} mapping as written; empty for the shorthand
 */
public record PipelineEdge(PipelineSocket source, PipelineSocket target, Map<String, Object> configuration) {

    public PipelineEdge {
        requireNonNull(source, "source");
        requireNonNull(target, "target");
        configuration = Plain.freezeMap(requireNonNull(configuration, "configuration"));
    }
}
