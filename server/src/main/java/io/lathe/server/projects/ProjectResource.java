package io.lathe.server.projects;

import io.lathe.server.platform.DomainException;
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
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/** {@code /api/v1/projects}: create, list and read projects. */
@Path("projects")
@Produces(MediaType.APPLICATION_JSON)
public class ProjectResource {

    /** The body of {@code POST /projects}. */
    public record CreateProject(String name, String description) {
    }

    @Inject
    ProjectService projects;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Access(Access.Rule.AUTHENTICATED)
    public Response create(CreateProject request, @Context SecurityContext security, @Context UriInfo uri) {
        if (request == null) {
            throw DomainException.invalid("missing-body", "send {\"name\": ...} as JSON", null);
        }
        Project project = projects.create(request.name(), request.description(),
                (Caller) security.getUserPrincipal());
        return Response.created(uri.getAbsolutePathBuilder().path(project.id()).build())
                .entity(ProjectView.of(project)).build();
    }

    @GET
    @Access(Access.Rule.AUTHENTICATED)
    public List<ProjectView> list(@Context SecurityContext security) {
        return projects.list((Caller) security.getUserPrincipal()).stream().map(ProjectView::of).toList();
    }

    @GET
    @Path("{id}")
    @Access(Access.Rule.PROJECT_READ)
    public ProjectView get(@PathParam("id") String id) {
        return ProjectView.of(projects.get(id));
    }

    /** The body of a change of defaults: the data store and environment new work uses. */
    public record ProjectDefaults(@jakarta.json.bind.annotation.JsonbProperty("default_store") String defaultStore,
            @jakarta.json.bind.annotation.JsonbProperty("default_environment") String defaultEnvironment) {
    }

    /** The owner chooses where the project's new files go and where its new executions run. */
    @jakarta.ws.rs.PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Access(Access.Rule.PROJECT_OWNER)
    public ProjectView chooseDefaults(@PathParam("id") String id, ProjectDefaults request,
            @Context SecurityContext security) {
        ProjectDefaults body = request == null ? new ProjectDefaults(null, null) : request;
        return ProjectView.of(projects.chooseDefaults(id, body.defaultStore(), body.defaultEnvironment(),
                (Caller) security.getUserPrincipal()));
    }
}
