package io.lathe.plugin.api.optimizer;

import java.util.List;
import java.util.Map;

/**
 * Proposes parameter sets for a task. Stateless across calls: the server passes the whole history every time, so a
 * restart of the server or the plugin loses nothing and a task can move between servers.
 *
 * <p>Threading: {@link #propose} may be called concurrently for different tasks. Errors:
 * {@link io.lathe.plugin.api.PluginException}, e.g. {@code unsupported-domain} for a domain the algorithm cannot
 * search. Lifecycle: created by {@link OptimizerFactory#create}, once per factory, used for every task that names
 * the factory, and closed when the server stops.
 *
 * <p>Time limit: {@link #propose} must answer within a time limit the administrator sets (30 s by default); a call
 * that throws, runs out of time (it is then interrupted) or answers null or a null set fails its task only.
 */
public interface Optimizer extends AutoCloseable {

    /**
     * Proposes up to {@link ProposalRequest#count()} new parameter sets, each holding a value for every dimension of
     * the search space, keyed by parameter name. Values are {@link String}, {@link Long}, {@link Double} or
     * {@link Boolean}.
     *
     * @return the proposals, fewer than asked (or none) when the space is exhausted
     */
    List<Map<String, Object>> propose(ProposalRequest request);

    /** Releases what the instance holds; the default holds nothing. */
    @Override
    default void close() {
    }
}
