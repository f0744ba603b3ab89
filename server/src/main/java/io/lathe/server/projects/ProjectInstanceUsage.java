package io.lathe.server.projects;

import io.lathe.server.instances.RecordsNamingInstances;
import io.lathe.server.plugins.points.ExtensionPoints;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** Projects name a default data store and a default environment. */
@ApplicationScoped
public class ProjectInstanceUsage extends RecordsNamingInstances {

    public ProjectInstanceUsage() {
        super("Project", Map.of(ExtensionPoints.STORAGE, "defaultStore", ExtensionPoints.COMPUTE,
                "defaultEnvironment"), "projects");
    }
}
