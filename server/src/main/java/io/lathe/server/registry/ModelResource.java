package io.lathe.server.registry;

import io.lathe.server.auth.Access;
import io.lathe.server.auth.Caller;
import io.lathe.server.data.Datum;
import io.lathe.server.data.DatumLineage;
import io.lathe.server.data.DatumRepository;
import io.lathe.server.data.DatumService;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code /api/v1/projects/{id}/models}: the model registry, its versions, their lineage and approvals. */
@Path("projects/{id}/models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelResource {

    @Inject
    ModelRegistry models;
    @Inject
    DatumService datumService;
    @Inject
    DatumRepository datums;
    @Inject
    DatumLineage lineage;

    /** The body that makes a model version. */
    public record NewModelVersion(List<String> files, @JsonbProperty("release_note") String releaseNote) {
    }

    /** The body of an approval or a rejection. */
    public record DecisionRequest(String comment) {
    }

    @GET
        @Access(Access.Rule.PROJECT_READ)
    public List<RegistryViews.ModelSummary> models(@PathParam("id") String projectId) {
        return models.list(projectId).stream().map(s -> new RegistryViews.ModelSummary(s.model().name(),
                s.versions(), s.latest() == null ? null : s.latest().number(),
                s.latestApproved() == null ? null : s.latestApproved().number())).toList();
    }

    @GET
    @Path("{name}")
    @Access(Access.Rule.PROJECT_READ)
    public RegistryViews.ModelDetail model(@PathParam("id") String projectId, @PathParam("name") String name) {
        Model model = models.get(projectId, name);
        List<ModelVersion> versions = models.versions(model);
        Map<String, String> names = datums.usernames(versions.stream().map(ModelVersion::createdBy)
                .toList());
        return new RegistryViews.ModelDetail(model.name(), versions.stream().map(v ->
                new RegistryViews.ModelVersionSummary(v.number(), "model://" + model.name() + "/" + v.number(),
                        v.state().apiName(), v.releaseNote(), names.get(v.createdBy()),
                        Instant.ofEpochMilli(v.createdAt()))).toList());
    }

    @POST
    @Path("{name}/versions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Access(Access.Rule.PROJECT_WRITE)
    public Response createModelVersion(@PathParam("id") String projectId, @PathParam("name") String name,
            NewModelVersion request, @Context SecurityContext security) {
        NewModelVersion body = request == null ? new NewModelVersion(null, null) : request;
        ModelVersion version = models.createVersion(projectId, name, body.files(), body.releaseNote(), null, null,
                ((Caller) security.getUserPrincipal()).userId());
        return Response.status(Response.Status.CREATED)
                .entity(modelVersion(projectId, name, Integer.toString(version.number()))).build();
    }

    /** A version with its files and, one call away, the executions behind them: code, parameters, inputs. */
    @GET
    @Path("{name}/versions/{number}")
    @Access(Access.Rule.PROJECT_READ)
    public RegistryViews.ModelVersionDetail modelVersion(@PathParam("id") String projectId,
            @PathParam("name") String name, @PathParam("number") String number) {
        ModelVersion version = models.version(projectId, name, number);
        List<Datum> files = models.files(version);
        Map<String, String> names = datums.usernames(java.util.Arrays.asList(version.createdBy(),
                version.decidedBy()));
        RegistryViews.Decision decision = version.decidedAt() == null ? null : new RegistryViews.Decision(
                names.get(version.decidedBy()), Instant.ofEpochMilli(version.decidedAt()), version.decisionComment());
        return new RegistryViews.ModelVersionDetail(name, version.number(), "model://" + name + "/"
                + version.number(), version.state().apiName(), version.releaseNote(), version.tags(), version.executionId(),
                names.get(version.createdBy()), Instant.ofEpochMilli(version.createdAt()), decision, datumService.views(files),
                lineage.origins(files));
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
        return modelVersion(projectId, name, Integer.toString(version.number()));
    }
}
