package io.lathe.server.registry;

import jakarta.persistence.DiscriminatorValue;
import jakarta.persistence.Entity;

/** One immutable, named version of a dataset ({@code dataset://<dataset>/<name>}). */
@Entity
@DiscriminatorValue(DatasetService.KIND)
public class DatasetVersion extends RegistryVersion {

    protected DatasetVersion() {
    }

    DatasetVersion(String id, String datasetId, String name, String executionId, String createdBy, long createdAt) {
        super(id, datasetId, name, executionId, createdBy, createdAt);
    }
}
