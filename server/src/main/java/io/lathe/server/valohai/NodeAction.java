package io.lathe.server.valohai;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * A pipeline node's action: {@code when} one of the events happens and {@code if} every condition holds, do each
 * of {@code then}.
 *
 * @param when events such as {@code node-starting}, {@code node-complete}, {@code node-error}, lower-cased
 * @param conditions the {@code if} conditions, parsed; none means always
 * @param conditionTexts the conditions as written, in the same order
 * @param then what to do: {@code stop-pipeline}, {@code error-pipeline}, {@code require-approval}, {@code noop}
 */
public record NodeAction(List<String> when, List<Expression> conditions, List<String> conditionTexts,
        List<String> then) {

    /** The events valohai-yaml knows; others are a warning, as the action might never happen. */
    public static final List<String> KNOWN_WHENS = List.of("node-starting", "node-complete", "node-error");
    /** What Lathe can do; valohai-yaml knows all but require-approval, which its docs and real files use. */
    public static final List<String> KNOWN_THENS = List.of("stop-pipeline", "error-pipeline", "require-approval",
            "noop");

    public NodeAction {
        when = List.copyOf(when);
        conditions = List.copyOf(conditions);
        conditionTexts = List.copyOf(conditionTexts);
        then = List.copyOf(then);
    }

    /** Whether every condition holds for {@code values} (see {@link Expression} for missing values). */
    public boolean conditionsHold(Map<String, Object> values) {
        requireNonNull(values, "values");
        return conditions.stream().allMatch(condition -> condition.evaluate(values));
    }
}
