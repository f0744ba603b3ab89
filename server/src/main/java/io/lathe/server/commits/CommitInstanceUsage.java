package io.lathe.server.commits;

import io.lathe.server.instances.RecordsNamingInstances;
import io.lathe.server.plugins.points.ExtensionPoints;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** A commit names the data store that holds its package. */
@ApplicationScoped
public class CommitInstanceUsage extends RecordsNamingInstances {

    public CommitInstanceUsage() {
        super("CodeCommit", Map.of(ExtensionPoints.STORAGE, "store"), "commits");
    }
}
