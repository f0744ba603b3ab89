package io.lathe.server.console;

import io.lathe.server.accounts.Memberships;
import io.lathe.server.api.DomainExceptionMapper;
import io.lathe.server.auth.Access;
import io.lathe.server.auth.Access.Rule;
import io.lathe.server.auth.ProjectRole;
import io.lathe.server.executions.ExecutionQuery;
import io.lathe.server.executions.ExecutionTable;
import io.lathe.server.platform.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /projects/{project}}: one project, its executions table (filtered, sorted and paged by the URL) and its
 * members, whom the owner adds, changes and removes with {@code POST /projects/{project}/members}.
 */
@ApplicationScoped
public class ProjectPage implements ConsolePage {

    @Inject
    ConsoleTemplates templates;
    @Inject
    ExecutionTable table;
    @Inject
    Memberships memberships;

    @Get("/projects/{project}")
    @Access(value = Rule.PROJECT_READ, param = "project")
    public void show(ProjectRequest request) throws IOException {
        render(request, HttpServletResponse.SC_OK, null, null);
    }

    @Post("/projects/{project}/members")
    @Access(value = Rule.PROJECT_OWNER, param = "project")
    public void changeMembers(ProjectRequest request) throws IOException {
        String id = request.project().id();
        String username = request.parameter("username");
        try {
            if ("remove".equals(request.parameter("action"))) {
                memberships.remove(request.caller(), id, username);
                render(request, HttpServletResponse.SC_OK, null, "'" + username + "' is no longer a member.");
            } else {
                Memberships.Member member = memberships.set(request.caller(), id, username,
                        request.parameter("access"));
                render(request, HttpServletResponse.SC_OK, null, "'" + member.username() + "' now has "
                        + member.access() + " access.");
            }
        } catch (DomainException e) {
            render(request, DomainExceptionMapper.httpStatus(e), e.getMessage(), null);
        }
    }

    private void render(ProjectRequest request, int status, String error, String notice) throws IOException {
        String id = request.project().id();
        ExecutionQuery query;
        try {
            query = ExecutionQuery.parse(id, parameters(request));
        } catch (DomainException e) {
            // A hand-edited URL: say what is wrong and show the unfiltered table.
            query = ExecutionQuery.parse(id, Map.of());
            status = DomainExceptionMapper.httpStatus(e);
            error = e.getMessage();
        }
        ExecutionTableView view = new ExecutionTableView(id, query);
        Map<String, Object> model = new HashMap<>();
        model.put("project", request.project());
        model.put("table", view.table(table.page(query)));
        model.put("filter", view.filter(table.steps(id), table.metricNames(id)));
        model.put("members", memberships.members(id));
        model.put("isOwner", request.role() == ProjectRole.OWNER);
        model.put("canWrite", request.canWrite());
        model.put("error", error);
        model.put("notice", notice);
        templates.render(request.http(), request.response(), status, "project", request.project().name(), model);
    }

    private static Map<String, List<String>> parameters(ProjectRequest request) {
        Map<String, List<String>> parameters = new HashMap<>();
        request.http().getParameterMap().forEach((name, values) -> parameters.put(name, List.of(values)));
        return parameters;
    }
}
