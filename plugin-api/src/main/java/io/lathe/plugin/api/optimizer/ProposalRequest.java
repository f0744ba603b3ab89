package io.lathe.plugin.api.optimizer;

import java.util.List;
import java.util.Objects;

/**
 * One call's worth of what an optimizer needs.
 *
 * @param space the parameters to search and their domains
 * @param direction whether lower or higher objective values are better
 * @param history every trial proposed so far for this task, in proposal order, finished or not
 * @param count how many proposals are wanted now (at least 1)
 * @param seed the task's seed: the same request with the same seed gets the same proposals
 */
public record ProposalRequest(SearchSpace space, Direction direction, List<Trial> history, int count, long seed) {

    /** Checks the parts and copies the history. */
    public ProposalRequest {
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(direction, "direction");
        history = List.copyOf(history);
        if (count < 1) {
            throw new IllegalArgumentException("count < 1");
        }
    }

    /** Which objective values are better. */
    public enum Direction {
        /** Lower is better. */
        MINIMIZE,
        /** Higher is better. */
        MAXIMIZE
    }
}
