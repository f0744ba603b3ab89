package io.lathe.server.console;

import io.lathe.server.auth.Access;
import io.lathe.server.auth.Access.Rule;
import io.lathe.server.tasks.Task;
import io.lathe.server.tasks.TaskService;
import io.lathe.server.tasks.TaskView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code /projects/{project}/tasks}: a project's hyperparameter tasks; {@code /tasks/{counter}}: one task as the
 * API shows it, its trials with their objectives (the best marked), a chart of each parameter against the
 * objective, and Stop. Starting one is {@link NewTaskPage}.
 */
@ApplicationScoped
public class TaskPages implements ConsolePage {

    private static final int SHOWN = 100;

    @Inject
    ConsoleTemplates templates;
    @Inject
    TaskService tasks;

    @Get("/projects/{project}/tasks")
    @Access(value = Rule.PROJECT_READ, param = "project")
    public void list(ProjectRequest request) throws IOException {
        Map<String, Object> model = new HashMap<>();
        model.put("project", request.project());
        model.put("tasks", tasks.list(request.project().id(), SHOWN).stream().map(TaskView.Summary::of).toList());
        model.put("canWrite", request.canWrite());
        templates.render(request.http(), request.response(), HttpServletResponse.SC_OK, "tasks",
                "Tasks · " + request.project().name(), model);
    }

    @Get("/projects/{project}/tasks/{counter}")
    @Access(value = Rule.PROJECT_READ, param = "project")
    public void show(ProjectRequest request) throws IOException {
        render(request, taskOf(request), null);
    }

    @Post("/projects/{project}/tasks/{counter}")
    @Access(value = Rule.PROJECT_WRITE, param = "project")
    public void stop(ProjectRequest request) throws IOException {
        render(request, tasks.stop(taskOf(request).id()), "Stopping: no more trials, running ones are stopped.");
    }

    private Task taskOf(ProjectRequest request) {
        return tasks.get(request.project().id(), request.counter("counter", "task"));
    }

    private void render(ProjectRequest request, Task task, String notice) throws IOException {
        TaskView view = tasks.view(task);
        Map<String, Object> model = new HashMap<>();
        model.put("project", request.project());
        model.put("task", view);
        model.put("terminal", task.status().isTerminal());
        model.put("metric", view.objective() == null ? "" : view.objective().metric());
        model.put("bestExecution", view.best() == null ? "" : view.best().execution());
        model.put("parameterNames", view.executions().stream().flatMap(t -> t.parameters().keySet().stream())
                .distinct().toList());
        model.put("canWrite", request.canWrite());
        model.put("notice", notice);
        templates.render(request.http(), request.response(), HttpServletResponse.SC_OK, "task", "Task #"
                + task.counter() + " · " + request.project().name(), model);
    }
}
