package io.lathe.server.executions;

import io.lathe.server.auth.Access;
import io.lathe.server.platform.DomainException;
import io.lathe.server.auth.Caller;
import io.lathe.server.projects.ProjectService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
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
import java.util.Map;

/** {@code /api/v1/executions}: create, list, read, stop and copy executions. Logs and metadata are next door. */
@Path("executions")
@Produces(MediaType.APPLICATION_JSON)
public class ExecutionResource {

    @Inject
    ExecutionService service;
    @Inject
    ProjectService projects;
    @Inject
    ExecutionTable table;

    /** The response header holding the cursor of the next page of a list. */
    public static final String NEXT_CURSOR = "X-Next-Cursor";

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Access(Access.Rule.AUTHENTICATED)
    public Response create(CreateExecution request, @Context SecurityContext security, @Context UriInfo uri) {
        Execution execution = service.create(request, (Caller) security.getUserPrincipal());
        return created(execution, uri);
    }

    /**
     * A page of a project's executions, filtered and sorted as {@link ExecutionQuery} reads the query; the cursor of
     * the next page is in the {@code X-Next-Cursor} header (and a {@code Link} header), absent on the last page.
     */
    @GET
    @Access(value = Access.Rule.PROJECT_READ, param = "project")
    public Response list(@QueryParam("project") String projectId, @Context UriInfo uri) {
        if (projectId == null) {
            throw DomainException.invalid("missing-field", "give the project as ?project=<id>", "project");
        }
        ExecutionQuery query = ExecutionQuery.parse(projectId, uri.getQueryParameters());
        projects.get(projectId);
        ExecutionTable.Page page = table.page(query);
        List<ExecutionView> items = page.executions().stream().map(e -> query.metrics().isEmpty()
                ? ExecutionView.summary(e)
                : ExecutionView.summary(e, page.metrics().getOrDefault(e.id(), Map.of()))).toList();
        Response.ResponseBuilder answer = Response.ok(items);
        if (page.next() != null) {
            answer.header(NEXT_CURSOR, page.next()).link(uri.getRequestUriBuilder().replaceQueryParam("before")
                    .replaceQueryParam("after", page.next()).build(), "next");
        }
        return answer.build();
    }

    @GET
    @Path("{id}")
    @Access(value = Access.Rule.PROJECT_READ, on = Access.On.EXECUTION)
    public ExecutionView get(@PathParam("id") String id) {
        return service.view(service.get(id));
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
