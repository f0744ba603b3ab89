package io.lathe.server.registry;

import io.lathe.server.auth.Access;
import io.lathe.server.auth.Caller;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbProperty;
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

/** {@code /api/v1/projects/{id}/models}: the model registry, its numbered versions, their lineage and approvals. */
@Path("projects/{id}/models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelResource extends RegistryResource<RegistryViews.ModelSummary, RegistryViews.ModelDetail,
        RegistryViews.ModelVersionDetail, ModelResource.NewModelVersion> {

    @Inject
    ModelRegistry models;

    /** The body that makes a model version. */
    public record NewModelVersion(List<String> files, @JsonbProperty("release_note") String releaseNote) {
    }

    /** The body of an approval or a rejection. */
    public record DecisionRequest(String comment) {
    }

    public ModelResource() {
        super(RegistryViews::models, RegistryViews::model, RegistryViews::modelVersion);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Access(Access.Rule.PROJECT_READ)
    public List<RegistryViews.ModelSummary> list(@PathParam("id") String projectId) {
        return listing(projectId);
    }

    @GET
    @Path("{name}")
    @Produces(MediaType.APPLICATION_JSON)
    @Access(Access.Rule.PROJECT_READ)
    public RegistryViews.ModelDetail get(@PathParam("id") String projectId, @PathParam("name") String name) {
        return collection(projectId, name);
    }

    /** A version by its key: its number, or the kind's {@code latest...}. */
    @GET
    @Path("{name}/versions/{version}")
    @Produces(MediaType.APPLICATION_JSON)
    @Access(Access.Rule.PROJECT_READ)
    public RegistryViews.ModelVersionDetail version(@PathParam("id") String projectId, @PathParam("name") String name,
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
            NewModelVersion body, @Context SecurityContext security) {
        return Response.status(Response.Status.CREATED)
                .entity(createdVersion(projectId, name, body, (Caller) security.getUserPrincipal())).build();
    }

    @Override
    protected String create(String projectId, String name, NewModelVersion request, String userId) {
        NewModelVersion body = request == null ? new NewModelVersion(null, null) : request;
        return models.createVersion(projectId, name, body.files(), body.releaseNote(), null, null, userId).name();
    }

    @POST
    @Path("{name}/versions/{number}/approve")
    @Consumes(MediaType.WILDCARD)
    @Access(Access.Rule.PROJECT_OWNER)
    public RegistryViews.ModelVersionDetail approve(@PathParam("id") String projectId, @PathParam("name") String name,
            @PathParam("number") String number, DecisionRequest request, @Context SecurityContext security) {
        return decide(projectId, name, number, ModelVersion.State.APPROVED, request, security);
    }

    @POST
    @Path("{name}/versions/{number}/reject")
    @Consumes(MediaType.WILDCARD)
    @Access(Access.Rule.PROJECT_OWNER)
    public RegistryViews.ModelVersionDetail reject(@PathParam("id") String projectId, @PathParam("name") String name,
            @PathParam("number") String number, DecisionRequest request, @Context SecurityContext security) {
        return decide(projectId, name, number, ModelVersion.State.REJECTED, request, security);
    }

    private RegistryViews.ModelVersionDetail decide(String projectId, String name, String number,
            ModelVersion.State state, DecisionRequest request, SecurityContext security) {
        ModelVersion version = models.decide(projectId, name, number, state,
                request == null ? null : request.comment(), (Caller) security.getUserPrincipal());
        return views.modelVersion(projectId, name, version.name());
    }
}
