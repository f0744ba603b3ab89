package io.lathe.server.console;

import io.lathe.server.platform.DomainException;
import io.lathe.server.data.DatumRepository;
import io.lathe.server.executions.Execution;
import io.lathe.server.executions.ExecutionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /projects/{id}/executions/{counter}}: one execution, its record, inputs and outputs, its log followed
 * live by the page's script through the API's event stream, and its metric charts ({@code charts.js}, from the
 * metadata series API).
 */
@ApplicationScoped
public class ExecutionPage implements ProjectSubpage {

    private static final Pattern PATH = Pattern.compile("executions/(\\d{1,9})");

    @Inject
    ConsoleTemplates templates;
    @Inject
    ExecutionRepository executions;
    @Inject
    DatumRepository datums;

    @Override
    public Pattern path() {
        return PATH;
    }

    @Override
    public void get(ProjectRequest request, Matcher path) throws IOException {
        Execution execution = executions.findByCounter(request.project().id(), Integer.parseInt(path.group(1)))
                .orElseThrow(() -> DomainException.notFound("execution", "#" + path.group(1)));
        Map<String, Object> model = new HashMap<>();
        model.put("project", ConsoleViews.project(request.project()));
        model.put("execution", ConsoleViews.executionDetail(execution, executions.inputs(execution.id()),
                datums.producedBy(execution.id())));
        model.put("canWrite", request.canWrite());
        templates.render(request.http(), request.response(), HttpServletResponse.SC_OK, "execution",
                request.project().name() + " #" + execution.counter(), model);
    }
}
