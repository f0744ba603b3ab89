package io.lathe.plugin.api.optimizer;

import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One proposal of a task and what became of it.
 *
 * @param parameters the parameter set as proposed
 * @param state where its execution is
 * @param objective the objective value measured, when there is one
 */
public record Trial(Map<String, Object> parameters, State state, OptionalDouble objective) {

    /** Copies the parameters and checks the parts. */
    public Trial {
        parameters = Map.copyOf(parameters);
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(objective, "objective");
    }

    /** Where a trial's execution is. */
    public enum State {
        /** Queued or running: proposed, no result yet. */
        PENDING,
        /** Finished with an objective value (or none, if the metric was never printed). */
        COMPLETE,
        /** Failed or stopped: its parameters count as tried. */
        FAILED
    }
}
