package io.lathe.server.data;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What data needs to know of executions (a lineage's nodes, a search by execution number), told by the executions feature: executions store their
 * outputs as datums, so they depend on data, and data learns of them only through this.
 */
public interface LineageExecutions {

    /** The executions with these ids as lineage nodes, oldest (lowest counter) first; unknown ids are left out. */
    List<DatumLineage.ExecutionNode> nodes(Collection<String> ids);

    /** The id of the project's execution numbered {@code counter}, if there is one. */
    Optional<String> idOf(String projectId, int counter);
}
