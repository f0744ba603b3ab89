package io.lathe.server.data;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The lineage of a datum: upstream, the execution that produced it, that execution's input datums, their producers
 * and so on; downstream, the executions that consumed it, their outputs, and so on. Walked a generation at a time
 * with one query per step (never one per node), and cut at {@link #MAX_NODES} nodes.
 */
@ApplicationScoped
@Transactional
public class DatumLineage {

    static final int MAX_NODES = 500;

    @PersistenceContext(unitName = "lathe")
    private EntityManager em;
    @Inject
    DatumRepository datums;
    @Inject
    LineageExecutions executions;

    /** The graph: datums and executions as nodes, "input" edges datum → execution, "output" execution → datum. */
    public record Graph(String root, List<DatumNode> datums, List<ExecutionNode> executions, List<Edge> edges,
            boolean truncated) {
    }

    public record DatumNode(String id, String uri, String name, long size, String sha256, boolean purged,
            @JsonbProperty("output_execution") String outputExecution) {
    }

    public record ExecutionNode(String id, int counter, String step, String status, String commit,
            JsonObject parameters) {
    }

    public record Edge(String from, String to, String kind, String input) {
    }

    /** An execution that made some of the datums asked about, with what it took as input. */
    public record Origin(ExecutionNode execution, List<InputUse> inputs) {
    }

    public record InputUse(String name, String uri, String datum, String sha256) {
    }

    /**
     * The executions that produced these datums, each with its code, parameters and inputs: what is behind a model
     * version or a dataset, in two queries.
     */
    public List<Origin> origins(Collection<Datum> produced) {
        Set<String> producers = new LinkedHashSet<>();
        produced.forEach(d -> {
            if (d.executionId() != null) {
                producers.add(d.executionId());
            }
        });
        if (producers.isEmpty()) {
            return List.of();
        }
        Map<String, List<InputUse>> inputs = new LinkedHashMap<>();
        em.createQuery("SELECT i.executionId, i.inputName, i.uri, i.datumId, i.sha256 FROM ExecutionInput i"
                        + " WHERE i.executionId IN :ids ORDER BY i.executionId, i.position", Object[].class)
                .setParameter("ids", producers).getResultStream()
                .forEach(row -> inputs.computeIfAbsent((String) row[0], k -> new ArrayList<>()).add(
                        new InputUse((String) row[1], (String) row[2], (String) row[3], (String) row[4])));
        return executions.nodes(producers).stream()
                .map(e -> new Origin(e, inputs.getOrDefault(e.id(), List.of()))).toList();
    }

    public Graph of(Datum root) {
        Map<String, Datum> datumNodes = new LinkedHashMap<>();
        Map<String, ExecutionNode> executionNodes = new LinkedHashMap<>();
        Set<Edge> edges = new LinkedHashSet<>();
        datumNodes.put(root.id(), root);
        boolean truncated = walkUpstream(root, datumNodes, executionNodes, edges);
        truncated |= walkDownstream(root, datumNodes, executionNodes, edges);
        return new Graph(root.id(),
                datumNodes.values().stream().map(d -> new DatumNode(d.id(), "datum://" + d.id(), d.name(), d.size(),
                        d.sha256(), d.isPurged(), d.executionId())).toList(),
                List.copyOf(executionNodes.values()),
                List.copyOf(edges), truncated);
    }

    private boolean walkUpstream(Datum root, Map<String, Datum> datumNodes, Map<String, ExecutionNode> executionNodes,
            Set<Edge> edges) {
        Collection<Datum> generation = List.of(root);
        while (!generation.isEmpty()) {
            Set<String> producers = new LinkedHashSet<>();
            for (Datum datum : generation) {
                if (datum.executionId() != null) {
                    producers.add(datum.executionId());
                    edges.add(new Edge(datum.executionId(), datum.id(), "output", null));
                }
            }
            producers.removeAll(executionNodes.keySet());
            if (full(datumNodes, executionNodes, producers.size())) {
                return true;
            }
            executions.nodes(producers).forEach(e -> executionNodes.put(e.id(), e));
            List<Object[]> inputs = producers.isEmpty() ? List.of() : em.createQuery(
                            "SELECT i.executionId, i.datumId, i.inputName FROM ExecutionInput i"
                                    + " WHERE i.executionId IN :ids AND i.datumId IS NOT NULL", Object[].class)
                    .setParameter("ids", producers).getResultList();
            Set<String> upstream = new LinkedHashSet<>();
            for (Object[] input : inputs) {
                edges.add(new Edge((String) input[1], (String) input[0], "input", (String) input[2]));
                if (!datumNodes.containsKey((String) input[1])) {
                    upstream.add((String) input[1]);
                }
            }
            if (full(datumNodes, executionNodes, upstream.size())) {
                return true;
            }
            generation = datums.findAll(upstream);
            generation.forEach(d -> datumNodes.put(d.id(), d));
        }
        return false;
    }

    private boolean walkDownstream(Datum root, Map<String, Datum> datumNodes, Map<String, ExecutionNode> executionNodes,
            Set<Edge> edges) {
        Set<String> generation = Set.of(root.id());
        Set<String> visited = new LinkedHashSet<>(generation);
        while (!generation.isEmpty()) {
            List<Object[]> uses = em.createQuery("SELECT i.executionId, i.datumId, i.inputName FROM ExecutionInput i"
                    + " WHERE i.datumId IN :ids", Object[].class).setParameter("ids", generation).getResultList();
            Set<String> consumers = new LinkedHashSet<>();
            for (Object[] use : uses) {
                edges.add(new Edge((String) use[1], (String) use[0], "input", (String) use[2]));
                if (!executionNodes.containsKey((String) use[0])) {
                    consumers.add((String) use[0]);
                }
            }
            if (full(datumNodes, executionNodes, consumers.size())) {
                return true;
            }
            executions.nodes(consumers).forEach(e -> executionNodes.put(e.id(), e));
            List<Datum> outputs = datums.producedByAny(consumers);
            Set<String> next = new LinkedHashSet<>();
            for (Datum output : outputs) {
                edges.add(new Edge(output.executionId(), output.id(), "output", null));
                if (visited.add(output.id())) {
                    next.add(output.id());
                }
            }
            if (full(datumNodes, executionNodes, next.size())) {
                return true;
            }
            outputs.forEach(d -> datumNodes.putIfAbsent(d.id(), d));
            generation = next;
        }
        return false;
    }

    private static boolean full(Map<String, Datum> datumNodes, Map<String, ExecutionNode> executionNodes, int adding) {
        return datumNodes.size() + executionNodes.size() + adding > MAX_NODES;
    }
}
