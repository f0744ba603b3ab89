package io.lathe.server.console;

import io.lathe.server.auth.Access;
import io.lathe.server.auth.Access.Rule;
import io.lathe.server.executions.Execution;
import io.lathe.server.executions.ExecutionService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code /projects/{project}/executions/{counter}}: one execution as the API shows it, its record, inputs and
 * outputs, its log followed live by the page's script through the API's event stream, and its metric charts
 * ({@code charts.js}, from the metadata series API).
 */
@ApplicationScoped
public class ExecutionPage implements ConsolePage {

    @Inject
    ConsoleTemplates templates;
    @Inject
    ExecutionService executions;

    @Get("/projects/{project}/executions/{counter}")
    @Access(value = Rule.PROJECT_READ, param = "project")
    public void show(ProjectRequest request) throws IOException {
        Execution execution = executions.get(request.project().id(), request.counter("counter", "execution"));
        Map<String, Object> model = new HashMap<>();
        model.put("project", request.project());
        model.put("execution", executions.view(execution));
        model.put("terminal", execution.status().isTerminal());
        model.put("canWrite", request.canWrite());
        templates.render(request.http(), request.response(), HttpServletResponse.SC_OK, "execution",
                request.project().name() + " #" + execution.counter(), model);
    }
}
