package io.lathe.server.console;

import io.lathe.server.api.ApiException;
import io.lathe.server.auth.AccessControl;
import io.lathe.server.auth.Caller;
import io.lathe.server.auth.ConsoleSession;
import io.lathe.server.auth.ProjectRole;
import io.lathe.server.data.DatumRepository;
import io.lathe.server.executions.Execution;
import io.lathe.server.executions.ExecutionRepository;
import io.lathe.server.projects.Project;
import io.lathe.server.projects.ProjectService;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /executions/{project id}/{counter}}: one execution, its record, inputs and outputs, and its log followed live
 * by the page's script through the API's event stream.
 */
@WebServlet("/executions/*")
public class ExecutionPages extends HttpServlet {

    private static final Pattern PATH = Pattern.compile("/([0-9a-f-]{36})/(\\d{1,9})");

    @Inject
    ConsoleTemplates templates;
    @Inject
    ProjectService projects;
    @Inject
    ExecutionRepository executions;
    @Inject
    DatumRepository datums;
    @Inject
    AccessControl access;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Caller caller = ConsoleSession.caller(request).orElseThrow();
        Matcher path = PATH.matcher(request.getPathInfo() == null ? "" : request.getPathInfo());
        try {
            if (!path.matches()) {
                throw ApiException.notFound("page", request.getRequestURI());
            }
            access.requireProject(caller, path.group(1), ProjectRole.READ);
            Project project = projects.get(path.group(1));
            Execution execution = executions.findByCounter(project.id(), Integer.parseInt(path.group(2)))
                    .orElseThrow(() -> ApiException.notFound("execution", "#" + path.group(2)));
            Map<String, Object> model = new HashMap<>();
            model.put("project", ConsoleViews.project(project));
            model.put("execution", ConsoleViews.executionDetail(execution, executions.inputs(execution.id()),
                    datums.producedBy(execution.id())));
            model.put("canWrite", access.roleIn(caller, project.id()).covers(ProjectRole.WRITE));
            templates.render(request, response, HttpServletResponse.SC_OK, "execution",
                    project.name() + " #" + execution.counter(), model);
        } catch (ApiException e) {
            ErrorPages.render(templates, request, response, e);
        }
    }
}
