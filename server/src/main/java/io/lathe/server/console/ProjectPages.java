package io.lathe.server.console;

import io.lathe.server.api.DomainExceptionMapper;
import io.lathe.server.auth.ConsoleSession;
import io.lathe.server.platform.DomainException;
import io.lathe.server.auth.AccessControl;
import io.lathe.server.auth.Caller;
import io.lathe.server.accounts.Memberships;
import io.lathe.server.auth.ProjectRole;
import io.lathe.server.executions.ExecutionQuery;
import io.lathe.server.executions.ExecutionTable;
import io.lathe.server.projects.Project;
import io.lathe.server.projects.ProjectService;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /projects}: the caller's projects and a form to create one; {@code /projects/{id}}: one project; and the
 * router for every page below a project ({@link ProjectSubpage}), after checking the caller may read it.
 */
@WebServlet(urlPatterns = {"/projects", "/projects/*"})
public class ProjectPages extends HttpServlet {

    @Inject
    ConsoleTemplates templates;
    @Inject
    ProjectService projects;
    @Inject
    ExecutionTable table;
    @Inject
    AccessControl access;
    @Inject
    Memberships memberships;
    @Inject
    Instance<ProjectSubpage> subpages;

    private static final Pattern SUBPAGE = Pattern.compile("/([0-9a-f-]{36})/(.+)");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Caller caller = ConsoleSession.caller(request).orElseThrow();
        String rest = request.getPathInfo();
        if (rest == null || rest.equals("/")) {
            list(request, response, caller, HttpServletResponse.SC_OK, null, null);
            return;
        }
        Matcher subpage = SUBPAGE.matcher(rest);
        if (subpage.matches()) {
            routeToSubpage(request, response, caller, subpage, false);
            return;
        }
        showProject(request, response, caller, rest.substring(1), HttpServletResponse.SC_OK, null, null);
    }

    private void routeToSubpage(HttpServletRequest request, HttpServletResponse response, Caller caller,
            Matcher subpage, boolean post) throws IOException {
        try {
            String id = subpage.group(1);
            access.requireProject(caller, id, ProjectRole.READ);
            ProjectRequest projectRequest = new ProjectRequest(request, response, caller, projects.get(id),
                    access.roleIn(caller, id));
            for (ProjectSubpage page : subpages) {
                Matcher path = page.path().matcher(subpage.group(2));
                if (path.matches()) {
                    if (post) {
                        page.post(projectRequest, path);
                    } else {
                        page.get(projectRequest, path);
                    }
                    return;
                }
            }
            throw DomainException.notFound("page", request.getRequestURI());
        } catch (DomainException e) {
            ErrorPages.render(templates, request, response, e);
        }
    }

    private void showProject(HttpServletRequest request, HttpServletResponse response, Caller caller, String id,
            int status, String error, String notice) throws IOException {
        try {
            access.requireProject(caller, id, ProjectRole.READ);
            Project project = projects.get(id);
            Map<String, Object> model = new HashMap<>();
            model.put("project", ConsoleViews.project(project));
            ExecutionQuery query;
            try {
                query = ExecutionQuery.parse(project.id(), parameters(request));
            } catch (DomainException e) {
                // A hand-edited URL: say what is wrong and show the unfiltered table.
                query = ExecutionQuery.parse(project.id(), Map.of());
                status = DomainExceptionMapper.httpStatus(e);
                error = e.getMessage();
            }
            ExecutionTableView view = new ExecutionTableView(project.id(), query);
            model.put("table", view.table(table.page(query)));
            model.put("filter", view.filter(table.steps(project.id()), table.metricNames(project.id())));
            model.put("members", memberships.members(project.id()));
            model.put("isOwner", access.roleIn(caller, project.id()) == ProjectRole.OWNER);
            model.put("canWrite", access.roleIn(caller, project.id()).covers(ProjectRole.WRITE));
            model.put("error", error);
            model.put("notice", notice);
            templates.render(request, response, status, "project", project.name(), model);
        } catch (DomainException e) {
            ErrorPages.render(templates, request, response, e);
        }
    }

    private static Map<String, List<String>> parameters(HttpServletRequest request) {
        Map<String, List<String>> parameters = new HashMap<>();
        request.getParameterMap().forEach((name, values) -> parameters.put(name, List.of(values)));
        return parameters;
    }

    /** {@code POST /projects/{id}/members}: the owner adds, changes or removes a member. */
    private void changeMembers(HttpServletRequest request, HttpServletResponse response, Caller caller, String id)
            throws IOException {
        String username = request.getParameter("username");
        try {
            access.requireProject(caller, id, ProjectRole.OWNER);
            if ("remove".equals(request.getParameter("action"))) {
                memberships.remove(caller, id, username);
                showProject(request, response, caller, id, HttpServletResponse.SC_OK, null,
                        "'" + username + "' is no longer a member.");
            } else {
                Memberships.Member member = memberships.set(caller, id, username, request.getParameter("access"));
                showProject(request, response, caller, id, HttpServletResponse.SC_OK, null,
                        "'" + member.username() + "' now has " + member.access() + " access.");
            }
        } catch (DomainException e) {
            if (access.roleIn(caller, id) == ProjectRole.NONE) {
                ErrorPages.render(templates, request, response, e);
                return;
            }
            showProject(request, response, caller, id, DomainExceptionMapper.httpStatus(e), e.getMessage(), null);
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Caller caller = ConsoleSession.caller(request).orElseThrow();
        String rest = request.getPathInfo();
        if (rest != null && rest.endsWith("/members")) {
            changeMembers(request, response, caller, rest.substring(1, rest.length() - "/members".length()));
            return;
        }
        Matcher subpage = rest == null ? null : SUBPAGE.matcher(rest);
        if (subpage != null && subpage.matches()) {
            routeToSubpage(request, response, caller, subpage, true);
            return;
        }
        String name = request.getParameter("name");
        String description = request.getParameter("description");
        try {
            Project project = projects.create(name, description, caller);
            response.sendRedirect("/projects/" + project.id());
        } catch (DomainException e) {
            list(request, response, caller, DomainExceptionMapper.httpStatus(e), e.getMessage(), Map.of("name",
                    name == null ? "" : name, "description", description == null ? "" : description));
        }
    }

    private void list(HttpServletRequest request, HttpServletResponse response, Caller caller, int status,
            String error, Map<String, String> form) throws IOException {
        Map<String, Object> model = new HashMap<>();
        List<Map<String, Object>> visible = projects.list(caller).stream().map(ConsoleViews::project).toList();
        model.put("projects", visible);
        model.put("error", error);
        model.put("form", form == null ? Map.of("name", "", "description", "") : form);
        templates.render(request, response, status, "projects", "Projects", model);
    }
}
