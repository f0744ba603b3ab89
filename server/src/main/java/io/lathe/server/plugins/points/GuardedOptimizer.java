package io.lathe.server.plugins.points;

import io.lathe.plugin.api.optimizer.Optimizer;
import io.lathe.plugin.api.optimizer.ProposalRequest;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The guard of an optimizer: the plain time limit; no list of proposals, or a null one in it, is nonsense. */
final class GuardedOptimizer extends GuardedInstance<Optimizer> implements Optimizer {

    GuardedOptimizer(Optimizer delegate, GuardedCalls calls) {
        super(delegate, calls);
    }

    @Override
    public List<Map<String, Object>> propose(ProposalRequest request) {
        return calls.call("propose", () -> delegate.propose(request), proposals -> proposals == null
                ? "no parameter sets" : proposals.stream().anyMatch(Objects::isNull) ? "a null parameter set" : null);
    }
}
