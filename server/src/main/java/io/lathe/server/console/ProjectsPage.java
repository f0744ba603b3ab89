package io.lathe.server.console;

import io.lathe.server.api.DomainExceptionMapper;
import io.lathe.server.auth.Access;
import io.lathe.server.auth.Access.Rule;
import io.lathe.server.platform.DomainException;
import io.lathe.server.projects.Project;
import io.lathe.server.projects.ProjectService;
import io.lathe.server.projects.ProjectView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/** {@code /projects}: the projects the caller may see, and a form to create one. */
@ApplicationScoped
public class ProjectsPage implements ConsolePage {

    @Inject
    ConsoleTemplates templates;
    @Inject
    ProjectService projects;

    @Get("/projects")
    @Access(Rule.AUTHENTICATED)
    public void list(ConsoleRequest request) throws IOException {
        render(request, HttpServletResponse.SC_OK, null, null);
    }

    @Post("/projects")
    @Access(Rule.AUTHENTICATED)
    public void create(ConsoleRequest request) throws IOException {
        String name = request.parameter("name");
        String description = request.parameter("description");
        try {
            Project project = projects.create(name, description, request.caller());
            request.response().sendRedirect("/projects/" + project.id());
        } catch (DomainException e) {
            render(request, DomainExceptionMapper.httpStatus(e), e.getMessage(), Map.of("name",
                    name == null ? "" : name, "description", description == null ? "" : description));
        }
    }

    private void render(ConsoleRequest request, int status, String error, Map<String, String> form)
            throws IOException {
        Map<String, Object> model = new HashMap<>();
        model.put("projects", projects.list(request.caller()).stream().map(ProjectView::of).toList());
        model.put("error", error);
        model.put("form", form == null ? Map.of("name", "", "description", "") : form);
        templates.render(request.http(), request.response(), status, "projects", "Projects", model);
    }
}
