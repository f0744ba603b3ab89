package io.lathe.plugins.optimizer.grid;

import io.lathe.plugin.api.PluginException;
import io.lathe.plugin.api.optimizer.SearchSpace;
import io.lathe.plugin.api.optimizer.SearchSpace.Dimension;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cartesian product of the dimensions' values, numbered in declaration order with the last dimension varying
 * fastest (like nested loops, the first dimension outermost). A space without dimensions has one, empty,
 * combination.
 */
final class Grid {

    private final List<String> names;
    private final List<List<Object>> values;
    private final long size;

    private Grid(List<String> names, List<List<Object>> values, long size) {
        this.names = names;
        this.values = values;
        this.size = size;
    }

    /**
     * Enumerates {@code space}.
     *
     * @throws PluginException {@code grid-too-large} beyond {@code maxCombinations}; {@code unsupported-domain} or
     *     {@code invalid-domain} for a dimension that cannot be enumerated
     */
    static Grid of(SearchSpace space, long maxCombinations) {
        double combinations = 1;
        for (Dimension dimension : space.dimensions()) {
            combinations *= DomainValues.count(dimension);
        }
        if (combinations > maxCombinations) {
            throw tooLarge(space, combinations, maxCombinations);
        }
        List<String> names = new ArrayList<>();
        List<List<Object>> values = new ArrayList<>();
        long size = 1;
        for (Dimension dimension : space.dimensions()) {
            List<Object> axis = DomainValues.enumerate(dimension);
            names.add(dimension.name());
            values.add(axis);
            size *= axis.size();
        }
        return new Grid(List.copyOf(names), List.copyOf(values), size);
    }

    long size() {
        return size;
    }

    /** The combination numbered {@code index}, from 0, as an unmodifiable map in declaration order. */
    Map<String, Object> combination(long index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        Object[] chosen = new Object[names.size()];
        long rest = index;
        for (int d = names.size() - 1; d >= 0; d--) {
            List<Object> axis = values.get(d);
            chosen[d] = axis.get((int) (rest % axis.size()));
            rest /= axis.size();
        }
        Map<String, Object> combination = new LinkedHashMap<>();
        for (int d = 0; d < names.size(); d++) {
            combination.put(names.get(d), chosen[d]);
        }
        return Collections.unmodifiableMap(combination);
    }

    private static PluginException tooLarge(SearchSpace space, double combinations, long maxCombinations) {
        StringBuilder counts = new StringBuilder();
        for (Dimension dimension : space.dimensions()) {
            counts.append(counts.length() == 0 ? "" : " x ")
                    .append(String.format("%,.0f %s", DomainValues.count(dimension), dimension.name()));
        }
        return new PluginException("grid-too-large", String.format(
                "the grid has %,.0f combinations (%s), more than the %,d allowed: use fewer values or a coarser "
                        + "step, or a random search", combinations, counts, maxCombinations));
    }
}
