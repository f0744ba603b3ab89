package io.lathe.server.data;

import java.util.Collection;
import java.util.List;

/**
 * What a datum's lineage needs to know of executions, told by the executions feature: executions store their
 * outputs as datums, so they depend on data, and data learns of them only through this.
 */
public interface LineageExecutions {

    /** The executions with these ids as lineage nodes, oldest (lowest counter) first; unknown ids are left out. */
    List<DatumLineage.ExecutionNode> nodes(Collection<String> ids);
}
