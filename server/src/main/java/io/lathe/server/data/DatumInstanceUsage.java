package io.lathe.server.data;

import io.lathe.server.instances.RecordsNamingInstances;
import io.lathe.server.plugins.points.ExtensionPoints;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** A datum names the data store that holds its bytes. */
@ApplicationScoped
public class DatumInstanceUsage extends RecordsNamingInstances {

    public DatumInstanceUsage() {
        super("Datum", Map.of(ExtensionPoints.STORAGE, "store"), "datums");
    }
}
