package io.lathe.server.registry;

import io.lathe.server.auth.Access;
import io.lathe.server.auth.Caller;
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

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Access(Access.Rule.PROJECT_READ)
    public List<RegistryViews.DatasetSummary> list(@PathParam("id") String projectId) {
        return listing(projectId);
    }

    @GET
    @Path("{name}")
    @Produces(MediaType.APPLICATION_JSON)
    @Access(Access.Rule.PROJECT_READ)
    public RegistryViews.DatasetDetail get(@PathParam("id") String projectId, @PathParam("name") String name) {
        return collection(projectId, name);
    }

    /** A version by its key: its name, or {@code latest}. */
    @GET
    @Path("{name}/versions/{version}")
    @Produces(MediaType.APPLICATION_JSON)
    @Access(Access.Rule.PROJECT_READ)
    public RegistryViews.DatasetVersionDetail version(@PathParam("id") String projectId, @PathParam("name") String name,
            @PathParam("version") String version) {
        return versionView(projectId, name, version);
    }

    /** Makes a version: {@code 201} with it as {@code GET} shows it. */
    @POST
    @Path("{name}/versions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Access(Access.Rule.PROJECT_WRITE)
    public Response createVersion(@PathParam("id") String projectId, @PathParam("name") String name,
            NewDatasetVersion body, @Context SecurityContext security) {
        return Response.status(Response.Status.CREATED)
                .entity(createdVersion(projectId, name, body, (Caller) security.getUserPrincipal())).build();
    }

    @Override
    protected String create(String projectId, String name, NewDatasetVersion request, String userId) {
        NewDatasetVersion body = request == null ? new NewDatasetVersion(null, null, null, null) : request;
        return datasets.createVersion(projectId, new DatasetService.VersionSpec(name, body.version(), body.files(),
                body.from(), body.exclude()), null, userId).name();
    }
}
