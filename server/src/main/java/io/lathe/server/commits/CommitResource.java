package io.lathe.server.commits;

import io.lathe.server.auth.Access;
import io.lathe.server.auth.Caller;
import io.lathe.server.projects.ProjectService;
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
import java.io.InputStream;
import java.util.List;

/** {@code /api/v1/projects/{id}/commits}: upload a package of code (the raw {@code .tar.gz} as the body), list, read. */
@Path("projects/{project}/commits")
@Produces(MediaType.APPLICATION_JSON)
public class CommitResource {

    @Inject
    CommitService commits;
    @Inject
    CommitRepository repository;
    @Inject
    ProjectService projects;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Access(value = Access.Rule.PROJECT_WRITE, param = "project")
    public Response upload(@PathParam("project") String projectId, InputStream body,
            @Context SecurityContext security, @Context UriInfo uri) {
        CommitService.Upload upload = commits.upload(projectId, body, (Caller) security.getUserPrincipal());
        CommitView view = CommitView.of(upload.commit());
        if (!upload.created()) {
            return Response.ok(view).build();
        }
        return Response.created(uri.getAbsolutePathBuilder().path(upload.commit().id()).build()).entity(view).build();
    }

    @GET
    @Access(value = Access.Rule.PROJECT_READ, param = "project")
    public List<CommitView> list(@PathParam("project") String projectId) {
        projects.get(projectId);
        return repository.list(projectId).stream().map(CommitView::of).toList();
    }

    @GET
    @Path("{commit}")
    @Access(value = Access.Rule.PROJECT_READ, param = "project")
    public CommitView get(@PathParam("project") String projectId, @PathParam("commit") String commitId) {
        return CommitView.of(commits.get(projectId, commitId));
    }
}
