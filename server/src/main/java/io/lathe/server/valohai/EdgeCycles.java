package io.lathe.server.valohai;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Finds an edge on a cycle of a pipeline's graph in time linear in its size (Tarjan's strongly connected components,
 * without recursion), so that a file with many thousands of edges is checked as fast as a small one: an edge lies on
 * a cycle exactly when both its nodes are in the same component.
 */
final class EdgeCycles {

    private EdgeCycles() {
    }

    /** The index of the last edge, in file order, that lies on a cycle; empty when the edges form none. */
    static OptionalInt lastOnACycle(List<PipelineEdge> edges) {
        Map<String, Integer> ids = new HashMap<>();
        for (PipelineEdge edge : edges) {
            ids.putIfAbsent(edge.source().node(), ids.size());
            ids.putIfAbsent(edge.target().node(), ids.size());
        }
        List<List<Integer>> next = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            next.add(new ArrayList<>());
        }
        for (PipelineEdge edge : edges) {
            next.get(ids.get(edge.source().node())).add(ids.get(edge.target().node()));
        }
        int[] component = components(next);
        for (int i = edges.size() - 1; i >= 0; i--) {
            PipelineEdge edge = edges.get(i);
            // Within one component the target leads back to the source; a node alone is a cycle only by a self-edge.
            if (component[ids.get(edge.source().node())] == component[ids.get(edge.target().node())]) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }

    /** Tarjan's algorithm with an explicit stack: the component of each node. */
    private static int[] components(List<List<Integer>> next) {
        int count = next.size();
        int[] index = new int[count];
        int[] low = new int[count];
        int[] component = new int[count];
        int[] nextChild = new int[count];
        boolean[] onStack = new boolean[count];
        java.util.Arrays.fill(index, -1);
        Deque<Integer> stack = new ArrayDeque<>();
        Deque<Integer> path = new ArrayDeque<>();
        int counter = 0;
        int components = 0;
        for (int start = 0; start < count; start++) {
            if (index[start] >= 0) {
                continue;
            }
            path.push(start);
            while (!path.isEmpty()) {
                int node = path.peek();
                if (index[node] < 0) {
                    index[node] = low[node] = counter++;
                    stack.push(node);
                    onStack[node] = true;
                }
                if (nextChild[node] < next.get(node).size()) {
                    int child = next.get(node).get(nextChild[node]++);
                    if (index[child] < 0) {
                        path.push(child);
                    } else if (onStack[child]) {
                        low[node] = Math.min(low[node], index[child]);
                    }
                    continue;
                }
                path.pop();
                if (!path.isEmpty()) {
                    low[path.peek()] = Math.min(low[path.peek()], low[node]);
                }
                if (low[node] == index[node]) {
                    int member;
                    do {
                        member = stack.pop();
                        onStack[member] = false;
                        component[member] = components;
                    } while (member != node);
                    components++;
                }
            }
        }
        return component;
    }
}
