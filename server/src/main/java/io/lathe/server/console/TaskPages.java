package io.lathe.server.console;

import io.lathe.server.api.DomainExceptionMapper;
import io.lathe.server.platform.DomainException;
import io.lathe.server.auth.ProjectRole;
import io.lathe.server.commits.CodeCommit;
import io.lathe.server.commits.CommitRepository;
import io.lathe.server.commits.CommitService;
import io.lathe.server.tasks.CreateTask;
import io.lathe.server.tasks.Task;
import io.lathe.server.tasks.TaskRepository;
import io.lathe.server.tasks.TaskService;
import io.lathe.server.tasks.TaskView;
import io.lathe.server.valohai.Parameter;
import io.lathe.server.valohai.Step;
import io.lathe.server.valohai.ValohaiConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /projects/{id}/tasks}: a project's hyperparameter tasks; {@code /tasks/{counter}}: one task, its trials
 * with their objectives (the best marked), a chart of each parameter against the objective, and Stop;
 * {@code /tasks/new}: a form that starts a task from a step.
 */
@ApplicationScoped
public class TaskPages implements ProjectSubpage {

    private static final Pattern PATH = Pattern.compile("tasks(?:/(new|\\d{1,9}))?");

    @Inject
    ConsoleTemplates templates;
    @Inject
    TaskService tasks;
    @Inject
    TaskRepository repository;
    @Inject
    CommitRepository commits;
    @Inject
    CommitService commitService;

    private final Jsonb jsonb = JsonbBuilder.create();

    @Override
    public Pattern path() {
        return PATH;
    }

    @Override
    public void get(ProjectRequest request, Matcher path) throws IOException {
        if (path.group(1) == null) {
            list(request);
        } else if (path.group(1).equals("new")) {
            form(request, HttpServletResponse.SC_OK, null, null, null);
        } else {
            show(request, Integer.parseInt(path.group(1)), HttpServletResponse.SC_OK, null);
        }
    }

    @Override
    public void post(ProjectRequest request, Matcher path) throws IOException {
        if (!request.role().covers(ProjectRole.WRITE) || path.group(1) == null) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "forbidden",
                    "starting and stopping tasks needs write access to the project", null);
        }
        if (path.group(1).equals("new")) {
            start(request);
            return;
        }
        Task task = taskOf(request, Integer.parseInt(path.group(1)));
        tasks.stop(task.id());
        show(request, task.counter(), HttpServletResponse.SC_OK, "Stopping: no more trials, running ones are"
                + " stopped.");
    }

    private Task taskOf(ProjectRequest request, int counter) {
        return repository.findByCounter(request.project().id(), counter)
                .orElseThrow(() -> DomainException.notFound("task", "#" + counter));
    }

    private void list(ProjectRequest request) throws IOException {
        Map<String, Object> model = new HashMap<>();
        model.put("project", ConsoleViews.project(request.project()));
        model.put("tasks", tasks.list(request.project().id(), 100).stream().map(t -> Map.of("counter", t.counter(),
                "status", t.status().apiName(), "type", t.type(), "step", t.stepName(),
                "title", t.title() == null ? "" : t.title(), "max", t.maxExecutions(),
                "created", ConsoleViews.time(t.createdAt()))).toList());
        model.put("canWrite", request.canWrite());
        templates.render(request.http(), request.response(), HttpServletResponse.SC_OK, "tasks",
                "Tasks · " + request.project().name(), model);
    }

    private void show(ProjectRequest request, int counter, int status, String notice) throws IOException {
        Task task = taskOf(request, counter);
        TaskView view = tasks.view(task);
        Map<String, Object> model = new HashMap<>();
        model.put("project", ConsoleViews.project(request.project()));
        model.put("task", Map.of("id", view.id(), "counter", view.counter(), "status", view.status(),
                "detail", view.statusDetail() == null ? "" : view.statusDetail(), "type", view.type(),
                "step", view.step(), "title", view.title() == null ? "" : view.title(),
                "objective", view.objective() == null ? "" : view.objective().direction() + " "
                        + view.objective().mode() + " " + view.objective().metric(),
                "metric", view.objective() == null ? "" : view.objective().metric(),
                "terminal", task.status().isTerminal()));
        String bestExecution = view.best() == null ? "" : view.best().execution();
        List<String> names = view.executions().stream().flatMap(t -> t.parameters().keySet().stream()).distinct()
                .toList();
        model.put("parameterNames", names);
        model.put("trials", view.executions().stream().map(t -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("trial", t.trial());
            row.put("counter", t.counter());
            row.put("status", t.status());
            row.put("params", names.stream().map(n -> t.parameters().containsKey(n)
                    ? ConsoleViews.plain(t.parameters().get(n)) : "").toList());
            row.put("objective", t.objective() == null ? "" : String.format(java.util.Locale.ROOT, "%.6g",
                    t.objective()));
            row.put("best", Objects.equals(t.execution(), bestExecution));
            row.put("reason", t.stoppedReason() == null ? "" : t.stoppedReason());
            return row;
        }).toList());
        model.put("best", view.best() == null ? "" : "#" + view.best().counter() + " with "
                + String.format(java.util.Locale.ROOT, "%.6g", view.best().objective()));
        model.put("canWrite", request.canWrite());
        model.put("notice", notice);
        templates.render(request.http(), request.response(), status, "task", "Task #" + counter + " · "
                + request.project().name(), model);
    }

    private void form(ProjectRequest request, int status, String error, String errorField,
            Map<String, String> typed) throws IOException {
        List<CodeCommit> recent = commits.newest(request.project().id(), 50);
        String commitId = typed != null ? typed.get("commit") : request.http().getParameter("commit");
        CodeCommit commit = recent.stream().filter(c -> c.id().equals(commitId)).findFirst()
                .orElse(recent.isEmpty() ? null : recent.get(0));
        ValohaiConfig config = commit == null ? null : CommitService.parse(commit.configYaml());
        List<Step> steps = config == null ? List.of() : config.steps();
        String stepName = typed != null ? typed.get("step") : request.http().getParameter("step");
        Step step = steps.stream().filter(s -> s.name().equals(stepName)).findFirst()
                .orElse(steps.isEmpty() ? null : steps.get(0));
        Map<String, String> values = new LinkedHashMap<>();
        values.put("commit", commit == null ? "" : commit.id());
        values.put("step", step == null ? "" : step.name());
        values.put("type", "grid");
        values.put("parameters", step == null ? "{}" : suggestedSpace(step));
        values.put("metric", "");
        values.put("direction", "minimize");
        values.put("max_executions", "");
        values.put("parallelism", "2");
        values.put("title", "");
        values.put("early_stopping", "");
        if (typed != null) {
            values.putAll(typed);
        }
        Map<String, Object> model = new HashMap<>();
        model.put("project", ConsoleViews.project(request.project()));
        model.put("commits", recent.stream().map(c -> Map.of("id", c.id(), "label", c.id().substring(0,
                Math.min(13, c.id().length())))).toList());
        model.put("steps", steps.stream().map(Step::name).toList());
        model.put("form", values);
        model.put("error", error);
        model.put("errorField", errorField == null ? "" : errorField);
        model.put("canWrite", request.canWrite());
        templates.render(request.http(), request.response(), status, "task-form", "New task · "
                + request.project().name(), model);
    }

    /** A search space to start from: each numeric parameter over its range, others at their default. */
    static String suggestedSpace(Step step) {
        Map<String, Object> space = new LinkedHashMap<>();
        for (Parameter parameter : step.parameters()) {
            if (parameter.type().isNumeric() && parameter.min().isPresent() && parameter.max().isPresent()) {
                space.put(parameter.name(), Map.of("style", "linear", "rules", Map.of("start",
                        parameter.min().get(), "end", parameter.max().get(), "step", spacing(parameter))));
            } else if (!parameter.choices().isEmpty()) {
                space.put(parameter.name(), Map.of("style", "multiple", "rules", Map.of("items",
                        parameter.choices())));
            } else if (parameter.defaultValue().isPresent()) {
                space.put(parameter.name(), Map.of("style", "single", "rules", Map.of("value",
                        parameter.defaultValue().get())));
            }
        }
        return JsonbBuilder.create().toJson(space);
    }

    private static Number spacing(Parameter parameter) {
        double range = parameter.max().get().doubleValue() - parameter.min().get().doubleValue();
        double step = range / 4;
        return parameter.type() == io.lathe.server.valohai.ParameterType.INTEGER ? (Number) Math.max(1L,
                Math.round(step)) : (Number) step;
    }

    private void start(ProjectRequest request) throws IOException {
        Map<String, String> typed = new LinkedHashMap<>();
        for (String field : List.of("commit", "step", "type", "parameters", "metric", "direction", "max_executions",
                "parallelism", "title", "early_stopping")) {
            String value = request.http().getParameter(field);
            typed.put(field, value == null ? "" : value);
        }
        try {
            Map<String, Object> parameters;
            try {
                parameters = jsonb.fromJson(typed.get("parameters"), new LinkedHashMap<String, Object>() { }
                        .getClass().getGenericSuperclass());
            } catch (JsonbException e) {
                throw DomainException.invalid("invalid-search", "the search space is not a JSON object: "
                        + e.getMessage(), "parameters");
            }
            CreateTask.Objective objective = typed.get("metric").isBlank() ? null
                    : new CreateTask.Objective(typed.get("metric").strip(), typed.get("direction"), "last");
            Task task = tasks.create(new CreateTask(request.project().id(), typed.get("commit"), typed.get("step"),
                    typed.get("type"), parameters, null, null, typed.get("title").isBlank() ? null
                    : typed.get("title"), objective, number(typed.get("max_executions"), "max_executions"),
                    number(typed.get("parallelism"), "parallelism"),
                    typed.get("early_stopping").equals("on") ? new CreateTask.EarlyStopping("median", null, null)
                            : null, null, null, null), request.caller());
            request.response().sendRedirect(request.projectPath() + "/tasks/" + task.counter());
        } catch (DomainException e) {
            form(request, DomainExceptionMapper.httpStatus(e), e.getMessage(), e.field(), typed);
        }
    }

    private static Integer number(String text, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            throw DomainException.invalid("invalid-number", "a whole number, please", field);
        }
    }
}
