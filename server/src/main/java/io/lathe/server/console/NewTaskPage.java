package io.lathe.server.console;

import io.lathe.server.api.DomainExceptionMapper;
import io.lathe.server.auth.Access;
import io.lathe.server.auth.Access.Rule;
import io.lathe.server.commits.CodeCommit;
import io.lathe.server.commits.CommitService;
import io.lathe.server.platform.DomainException;
import io.lathe.server.platform.JsonCodec;
import io.lathe.server.tasks.CreateTask;
import io.lathe.server.tasks.Task;
import io.lathe.server.tasks.TaskService;
import io.lathe.server.valohai.Parameter;
import io.lathe.server.valohai.ParameterType;
import io.lathe.server.valohai.Step;
import io.lathe.server.valohai.ValohaiConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.JsonbException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /projects/{project}/tasks/new}: a form that starts a task from a step of a commit, through the same
 * {@link TaskService} as {@code POST /api/v1/tasks}; a refused value brings the form back with what was typed.
 */
@ApplicationScoped
public class NewTaskPage implements ConsolePage {

    private static final int COMMITS = 50;
    private static final List<String> FIELDS = List.of("commit", "step", "type", "parameters", "metric", "direction",
            "max_executions", "parallelism", "title", "early_stopping");

    @Inject
    ConsoleTemplates templates;
    @Inject
    TaskService tasks;
    @Inject
    CommitService commits;

    /** Readers see the form too, with a word on why they cannot use it. */
    @Get("/projects/{project}/tasks/new")
    @Access(value = Rule.PROJECT_READ, param = "project")
    public void form(ProjectRequest request) throws IOException {
        render(request, HttpServletResponse.SC_OK, null, null, null);
    }

    @Post("/projects/{project}/tasks/new")
    @Access(value = Rule.PROJECT_WRITE, param = "project")
    public void start(ProjectRequest request) throws IOException {
        Map<String, String> typed = new LinkedHashMap<>();
        for (String field : FIELDS) {
            String value = request.parameter(field);
            typed.put(field, value == null ? "" : value);
        }
        try {
            Map<String, Object> parameters;
            try {
                parameters = JsonCodec.fromJson(typed.get("parameters"), JsonCodec.ORDERED_MAP);
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
            render(request, DomainExceptionMapper.httpStatus(e), e.getMessage(), e.field(), typed);
        }
    }

    private void render(ProjectRequest request, int status, String error, String errorField,
            Map<String, String> typed) throws IOException {
        List<CodeCommit> recent = commits.newest(request.project().id(), COMMITS);
        String commitId = typed != null ? typed.get("commit") : request.parameter("commit");
        CodeCommit commit = recent.stream().filter(c -> c.id().equals(commitId)).findFirst()
                .orElse(recent.isEmpty() ? null : recent.get(0));
        ValohaiConfig config = commit == null ? null : CommitService.parse(commit.configYaml());
        List<Step> steps = config == null ? List.of() : config.steps();
        String stepName = typed != null ? typed.get("step") : request.parameter("step");
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
        model.put("project", request.project());
        model.put("commits", recent.stream().map(CodeCommit::id).toList());
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
        return JsonCodec.toJson(space);
    }

    private static Number spacing(Parameter parameter) {
        double range = parameter.max().get().doubleValue() - parameter.min().get().doubleValue();
        double step = range / 4;
        return parameter.type() == ParameterType.INTEGER ? (Number) Math.max(1L, Math.round(step)) : (Number) step;
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
