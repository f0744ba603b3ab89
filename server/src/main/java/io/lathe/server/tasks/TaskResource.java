package io.lathe.server.tasks;

import io.lathe.server.platform.DomainException;
import io.lathe.server.auth.Access;
import io.lathe.server.auth.Caller;
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

/** {@code /api/v1/tasks}: hyperparameter searches, started, read and stopped. */
@Path("tasks")
@Produces(MediaType.APPLICATION_JSON)
public class TaskResource {

    @Inject
    TaskService tasks;

    /** Starts a task; the project is in the body, so write access is checked by the service. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Access(Access.Rule.AUTHENTICATED)
    public Response create(CreateTask request, @Context SecurityContext security, @Context UriInfo uri) {
        Task task = tasks.create(request, (Caller) security.getUserPrincipal());
        return Response.created(uri.getBaseUriBuilder().path("tasks").path(task.id()).build())
                .entity(tasks.view(task)).build();
    }

    /** A project's tasks, newest first. */
    @GET
    @Access(value = Access.Rule.PROJECT_READ, param = "project")
    public List<TaskView.Summary> list(@QueryParam("project") String projectId,
            @QueryParam("limit") @DefaultValue("50") int limit) {
        if (projectId == null) {
            throw DomainException.invalid("missing-field", "give the project as ?project=<id>", "project");
        }
        if (limit < 1 || limit > 500) {
            throw DomainException.invalid("invalid-limit", "limit must be between 1 and 500", "limit");
        }
        return tasks.list(projectId, limit).stream().map(TaskView.Summary::of).toList();
    }

    @GET
    @Path("{id}")
    @Access(value = Access.Rule.PROJECT_READ, on = Access.On.TASK)
    public TaskView get(@PathParam("id") String id) {
        return tasks.view(tasks.get(id));
    }

    @POST
    @Path("{id}/stop")
    @Consumes(MediaType.WILDCARD)
    @Access(value = Access.Rule.PROJECT_WRITE, on = Access.On.TASK)
    public TaskView stop(@PathParam("id") String id) {
        return tasks.view(tasks.stop(id));
    }
}
