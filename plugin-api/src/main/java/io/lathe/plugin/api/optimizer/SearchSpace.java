package io.lathe.plugin.api.optimizer;

import java.util.List;
import java.util.Objects;

/**
 * The parameters a task searches, in the order the step declares them.
 *
 * @param dimensions one per searched parameter; names are unique
 */
public record SearchSpace(List<Dimension> dimensions) {

    /** Copies the list and checks that names are unique. */
    public SearchSpace {
        dimensions = List.copyOf(dimensions);
        if (dimensions.stream().map(Dimension::name).distinct().count() != dimensions.size()) {
            throw new IllegalArgumentException("search space names a parameter twice");
        }
    }

    /**
     * One searched parameter.
     *
     * @param name the step parameter's name
     * @param domain the values it may take
     */
    public record Dimension(String name, Domain domain) {
        /** Checks that neither part is null. */
        public Dimension {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(domain, "domain");
        }
    }
}
