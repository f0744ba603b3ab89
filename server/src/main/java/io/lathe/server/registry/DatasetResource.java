package io.lathe.server.registry;

import io.lathe.server.auth.Access;
import io.lathe.server.auth.Caller;
import io.lathe.server.data.Datum;
import io.lathe.server.data.DatumRepository;
import io.lathe.server.data.DatumService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code /api/v1/projects/{id}/datasets}: a project's datasets and their immutable versions. */
@Path("projects/{id}/datasets")
@Produces(MediaType.APPLICATION_JSON)
public class DatasetResource {

    @Inject
    DatasetService datasets;
    @Inject
    DatumService datumService;
    @Inject
    DatumRepository datums;

    /** The body that makes a dataset version. */
    public record NewDatasetVersion(String version, List<String> files, String from, List<String> exclude) {
    }

    @GET
        @Access(Access.Rule.PROJECT_READ)
    public List<RegistryViews.DatasetSummary> datasets(@PathParam("id") String projectId) {
        return datasets.list(projectId).stream().map(s -> new RegistryViews.DatasetSummary(s.dataset().name(),
                s.versions(), s.latest() == null ? null : s.latest().name())).toList();
    }

    @GET
    @Path("{name}")
    @Access(Access.Rule.PROJECT_READ)
    public RegistryViews.DatasetDetail dataset(@PathParam("id") String projectId, @PathParam("name") String name) {
        Dataset dataset = datasets.get(projectId, name);
        List<DatasetVersion> versions = datasets.versions(dataset);
        Map<String, String> names = datums.usernames(versions.stream().map(DatasetVersion::createdBy)
                .toList());
        return new RegistryViews.DatasetDetail(dataset.name(), versions.stream().map(v ->
                new RegistryViews.DatasetVersionSummary(v.name(), "dataset://" + dataset.name() + "/" + v.name(),
                        v.executionId(), names.get(v.createdBy()), Instant.ofEpochMilli(v.createdAt()))).toList());
    }

    @POST
    @Path("{name}/versions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Access(Access.Rule.PROJECT_WRITE)
    public Response createDatasetVersion(@PathParam("id") String projectId, @PathParam("name") String name,
            NewDatasetVersion request, @Context SecurityContext security) {
        NewDatasetVersion body = request == null ? new NewDatasetVersion(null, null, null, null) : request;
        Caller caller = (Caller) security.getUserPrincipal();
        DatasetVersion version = datasets.createVersion(projectId, new DatasetService.VersionSpec(name,
                body.version(), body.files(), body.from(), body.exclude()), null, caller.userId());
        return Response.status(Response.Status.CREATED).entity(datasetVersion(projectId, name, version.name()))
                .build();
    }

    @GET
    @Path("{name}/versions/{version}")
    @Access(Access.Rule.PROJECT_READ)
    public RegistryViews.DatasetVersionDetail datasetVersion(@PathParam("id") String projectId,
            @PathParam("name") String name, @PathParam("version") String versionName) {
        DatasetVersion version = datasets.version(projectId, name, versionName);
        List<Datum> files = datasets.files(version);
        return new RegistryViews.DatasetVersionDetail(name, version.name(),
                "dataset://" + name + "/" + version.name(), version.executionId(),
                datums.usernames(Set.of(version.createdBy())).get(version.createdBy()),
                Instant.ofEpochMilli(version.createdAt()), datumService.views(files));
    }
}
