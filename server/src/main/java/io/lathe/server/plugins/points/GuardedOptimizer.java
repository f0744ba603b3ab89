package io.lathe.server.plugins.points;

import io.lathe.plugin.api.optimizer.Optimizer;
import io.lathe.plugin.api.optimizer.ProposalRequest;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** An optimizer whose every call goes through {@link PluginCalls} with the plain time limit. */
public final class GuardedOptimizer implements Optimizer, GuardedInstance {

    private final Optimizer delegate;
    private final PluginCalls calls;
    private final PluginTarget target;

    public GuardedOptimizer(Optimizer delegate, PluginCalls calls, PluginTarget target) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.calls = Objects.requireNonNull(calls, "calls");
        this.target = Objects.requireNonNull(target, "target");
    }

    @Override
    public Object unguarded() {
        return delegate;
    }

    @Override
    public List<Map<String, Object>> propose(ProposalRequest request) {
        return calls.call(target, "propose", null, () -> delegate.propose(request),
                proposals -> proposals == null ? "no parameter sets"
                        : proposals.stream().anyMatch(Objects::isNull) ? "a null parameter set" : null);
    }

    /** Closes the plugin's instance, without a time limit ({@link PluginCalls#close}). */
    @Override
    public void close() {
        calls.close(target, delegate);
    }
}
