package io.lathe.plugins.optimizer.grid;

import io.lathe.plugin.api.optimizer.Optimizer;
import io.lathe.plugin.api.optimizer.ProposalRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Proposes the combinations of a {@link Grid} in order. Keeps no state: the history is taken to be this grid's own
 * earlier proposals, so the next proposal is the combination at the history's length. Objectives, the direction and
 * the seed do not change what a grid proposes.
 */
final class GridOptimizer implements Optimizer {

    private final long maxCombinations;

    GridOptimizer(long maxCombinations) {
        if (maxCombinations < 1) {
            throw new IllegalArgumentException("maxCombinations < 1");
        }
        this.maxCombinations = maxCombinations;
    }

    @Override
    public List<Map<String, Object>> propose(ProposalRequest request) {
        Grid grid = Grid.of(request.space(), maxCombinations);
        long position = request.history().size();
        long end = Math.min(grid.size(), position + request.count());
        List<Map<String, Object>> proposals = new ArrayList<>();
        for (long index = position; index < end; index++) {
            proposals.add(grid.combination(index));
        }
        return List.copyOf(proposals);
    }
}
