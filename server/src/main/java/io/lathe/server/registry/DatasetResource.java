package io.lathe.server.registry;

import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import java.util.List;

/** {@code /api/v1/projects/{id}/datasets}: a project's datasets and their immutable, named versions. */
@Path("projects/{id}/datasets")
public class DatasetResource extends RegistryResource<RegistryViews.DatasetSummary, RegistryViews.DatasetDetail,
        RegistryViews.DatasetVersionDetail, DatasetResource.NewDatasetVersion> {

    @Inject
    DatasetService datasets;

    /** The body that makes a dataset version. */
    public record NewDatasetVersion(String version, List<String> files, String from, List<String> exclude) {
    }

    public DatasetResource() {
        super(RegistryViews::datasets, RegistryViews::dataset, RegistryViews::datasetVersion);
    }

    @Override
    protected String create(String projectId, String name, NewDatasetVersion request, String userId) {
        NewDatasetVersion body = request == null ? new NewDatasetVersion(null, null, null, null) : request;
        return datasets.createVersion(projectId, new DatasetService.VersionSpec(name, body.version(), body.files(),
                body.from(), body.exclude()), null, userId).name();
    }
}
