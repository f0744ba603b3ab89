package io.lathe.server.console;

import io.lathe.server.api.DomainExceptionMapper;
import io.lathe.server.auth.Access;
import io.lathe.server.auth.Access.Rule;
import io.lathe.server.commits.CodeCommit;
import io.lathe.server.commits.CommitService;
import io.lathe.server.executions.Execution;
import io.lathe.server.executions.ExecutionService;
import io.lathe.server.instances.ConfiguredInstanceRepository;
import io.lathe.server.instances.DefaultInstances;
import io.lathe.server.plugins.points.ExtensionPoints;
import io.lathe.server.platform.DomainException;
import io.lathe.server.valohai.Step;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code /projects/{project}/executions/new?commit=&step=}: pick a commit (the newest by default) and one of its
 * steps, fill in the form built from the step's parameters and inputs, and start the execution through the same
 * {@link ExecutionService} as {@code POST /api/v1/executions}. A value the server refuses brings the form back with
 * what was typed and the message at its field.
 */
@ApplicationScoped
public class NewExecutionPage implements ConsolePage {

    private static final int MAX_COMMITS = 100;

    /** A choice of a select: what it shows (and sends), and whether it is the one chosen. */
    public record Choice(String name, boolean selected) {
    }

    /** A commit to pick: its id, and how the list labels it (short id and upload time). */
    public record CommitChoice(String id, String label) {
    }

    @Inject
    ConsoleTemplates templates;
    @Inject
    CommitService commits;
    @Inject
    ExecutionService executions;
    @Inject
    ConfiguredInstanceRepository instances;

    @Get("/projects/{project}/executions/new")
    @Access(value = Rule.PROJECT_WRITE, param = "project")
    public void form(ProjectRequest request) throws IOException {
        render(request, HttpServletResponse.SC_OK, request.parameter("commit"), request.parameter("step"), null,
                null);
    }

    @Post("/projects/{project}/executions/new")
    @Access(value = Rule.PROJECT_WRITE, param = "project")
    public void start(ProjectRequest request) throws IOException {
        String commitId = request.parameter("commit");
        String stepName = request.parameter("step");
        Function<String, String[]> submitted = request.http()::getParameterValues;
        try {
            Step step = step(request, commitId, stepName);
            Execution execution = executions.create(new ExecutionForm(step)
                    .request(request.project().id(), commitId, submitted), request.caller());
            request.response().sendRedirect(request.projectPath() + "/executions/" + execution.counter());
        } catch (DomainException e) {
            if (e.kind() == DomainException.Kind.FORBIDDEN) {
                throw e;
            }
            render(request, DomainExceptionMapper.httpStatus(e), commitId, stepName, submitted, e);
        }
    }

    private void render(ProjectRequest request, int status, String commitId, String stepName,
            Function<String, String[]> submitted, DomainException error) throws IOException {
        Map<String, Object> model = new HashMap<>();
        model.put("project", request.project());
        List<CodeCommit> newest = commits.newest(request.project().id(), MAX_COMMITS);
        model.put("commits", newest.stream().map(c -> new CommitChoice(c.id(), ConsoleFormat.shortId(c.id())
                + " · " + ConsoleFormat.minutes(Instant.ofEpochMilli(c.createdAt())))).toList());
        model.put("steps", List.of());
        model.put("commit", "");
        model.put("step", "");
        model.put("fields", List.of());
        model.put("environments", List.of());
        model.put("titleValue", "");
        model.put("titleError", "");
        model.put("environmentError", "");
        model.put("error", null);
        if (newest.isEmpty()) {
            templates.render(request.http(), request.response(), status, "new-execution",
                    "New execution · " + request.project().name(), model);
            return;
        }
        CodeCommit commit = commitId == null || commitId.isBlank() ? newest.get(0)
                : commits.get(request.project().id(), commitId);
        List<Step> steps = CommitService.parse(commit.configYaml()).steps();
        Step step = steps.stream().filter(s -> s.name().equals(stepName)).findFirst()
                .orElse(steps.isEmpty() ? null : steps.get(0));
        model.put("commit", commit.id());
        model.put("steps", steps.stream().map(s -> new Choice(s.name(), s == step)).toList());
        String errorField = error == null ? null : error.field();
        String errorMessage = error == null ? null : error.getMessage();
        if (step != null) {
            ExecutionForm form = new ExecutionForm(step);
            model.put("step", step.name());
            model.put("fields", new ExecutionFormFields(step).fields(submitted, errorField, errorMessage));
            model.put("environments", environments(step, request, submitted));
            if (errorField != null && form.fieldNames().contains(errorField)) {
                errorMessage = null;
            }
        }
        if (submitted != null) {
            String[] title = submitted.apply(ExecutionForm.TITLE);
            model.put("titleValue", title == null || title.length == 0 ? "" : title[0]);
        }
        if (ExecutionForm.TITLE.equals(errorField)) {
            model.put("titleError", error.getMessage());
        }
        if (ExecutionForm.ENVIRONMENT.equals(errorField)) {
            model.put("environmentError", error.getMessage());
        }
        model.put("error", errorMessage);
        templates.render(request.http(), request.response(), status, "new-execution",
                "New execution · " + request.project().name(), model);
    }

    /** The environments to choose from, when there is a choice; the step's own (if it exists here) first chosen. */
    private List<Choice> environments(Step step, ProjectRequest request, Function<String, String[]> submitted) {
        List<String> names = instances.names(ExtensionPoints.COMPUTE);
        if (names.size() < 2) {
            return List.of();
        }
        String[] posted = submitted == null ? null : submitted.apply(ExecutionForm.ENVIRONMENT);
        String chosen = posted != null && posted.length > 0 ? posted[0]
                : step.environment().filter(names::contains).orElse(request.project().defaultEnvironment() == null
                        ? DefaultInstances.NAME : request.project().defaultEnvironment());
        return names.stream().map(name -> new Choice(name, name.equals(chosen))).toList();
    }

    private Step step(ProjectRequest request, String commitId, String stepName) {
        if (commitId == null || commitId.isBlank()) {
            throw DomainException.invalid("missing-field", "pick a commit", "commit");
        }
        CodeCommit commit = commits.get(request.project().id(), commitId);
        return CommitService.step(commit, stepName);
    }
}
