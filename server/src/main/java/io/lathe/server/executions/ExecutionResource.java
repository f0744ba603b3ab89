package io.lathe.server.executions;

import io.lathe.server.auth.Access;
import io.lathe.server.api.ApiException;
import io.lathe.server.auth.Caller;
import io.lathe.server.data.DatumRepository;
import io.lathe.server.projects.ProjectService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/** {@code /api/v1/executions}: create, list, read, stop and copy executions. Logs and metadata are next door. */
@Path("executions")
@Produces(MediaType.APPLICATION_JSON)
public class ExecutionResource {

    @Inject
    ExecutionService service;
    @Inject
    ExecutionRepository executions;
    @Inject
    DatumRepository datums;
    @Inject
    ProjectService projects;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Access(Access.Rule.AUTHENTICATED)
    public Response create(CreateExecution request, @Context SecurityContext security, @Context UriInfo uri) {
        Execution execution = service.create(request, (Caller) security.getUserPrincipal());
        return created(execution, uri);
    }

    /** A project's executions, newest first; pass the last counter seen as {@code before} for the next page. */
    @GET
    @Access(value = Access.Rule.PROJECT_READ, param = "project")
    public List<ExecutionView> list(@QueryParam("project") String projectId, @QueryParam("before") Integer before,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        if (projectId == null) {
            throw ApiException.badRequest("missing-field", "give the project as ?project=<id>", "project");
        }
        if (limit < 1 || limit > 1000) {
            throw ApiException.badRequest("invalid-limit", "limit must be between 1 and 1000", "limit");
        }
        projects.get(projectId);
        return executions.page(projectId, before, limit).stream().map(ExecutionView::summary).toList();
    }

    @GET
    @Path("{id}")
    @Access(value = Access.Rule.PROJECT_READ, on = Access.On.EXECUTION)
    public ExecutionView get(@PathParam("id") String id) {
        Execution execution = service.get(id);
        return ExecutionView.of(execution, executions.inputs(id), datums.producedBy(id));
    }

    @POST
    @Path("{id}/stop")
    @Access(value = Access.Rule.PROJECT_WRITE, on = Access.On.EXECUTION)
    public ExecutionView stop(@PathParam("id") String id) {
        return ExecutionView.summary(service.stop(id));
    }

    @POST
    @Path("{id}/copy")
    @Access(value = Access.Rule.PROJECT_WRITE, on = Access.On.EXECUTION)
    public Response copy(@PathParam("id") String id, @Context SecurityContext security, @Context UriInfo uri) {
        Execution copy = service.copy(id, (Caller) security.getUserPrincipal());
        return created(copy, uri);
    }

    private Response created(Execution execution, UriInfo uri) {
        return Response.created(uri.getBaseUriBuilder().path("executions").path(execution.id()).build())
                .entity(new Created(execution.id(), execution.counter(), execution.status().apiName()))
                .build();
    }

    /** The answer to a create or copy. */
    public record Created(String id, int counter, String status) {
    }
}
