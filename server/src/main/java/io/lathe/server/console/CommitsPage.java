package io.lathe.server.console;

import io.lathe.server.api.ApiError;
import io.lathe.server.api.DomainExceptionMapper;
import io.lathe.server.platform.DomainException;
import io.lathe.server.commits.CodeCommit;
import io.lathe.server.commits.CommitRepository;
import io.lathe.server.commits.CommitService;
import io.lathe.server.valohai.Step;
import io.lathe.server.valohai.ValohaiConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /projects/{id}/commits}: the project's code versions with their steps, and (for writers) an upload of a
 * package of code. The page's script sends the file as the request body, as the API takes it, so the upload streams
 * through {@link CommitService} without being held anywhere but its scratch file; the answer is JSON for the script.
 */
@ApplicationScoped
public class CommitsPage implements ProjectSubpage {

    private static final Pattern PATH = Pattern.compile("commits");
    private static final int SHOWN = 50;

    @Inject
    ConsoleTemplates templates;
    @Inject
    CommitRepository commits;
    @Inject
    CommitService commitService;

    @Override
    public Pattern path() {
        return PATH;
    }

    @Override
    public void get(ProjectRequest request, Matcher path) throws IOException {
        Map<String, Object> model = new HashMap<>();
        model.put("project", ConsoleViews.project(request.project()));
        model.put("canWrite", request.canWrite());
        List<CodeCommit> newest = commits.newest(request.project().id(), SHOWN);
        model.put("commits", newest.stream().map(commit -> view(request, commit)).toList());
        model.put("notice", notice(request, newest));
        templates.render(request.http(), request.response(), HttpServletResponse.SC_OK, "commits",
                "Code · " + request.project().name(), model);
    }

    /** The upload: the package is the body; the answer tells the page's script where to go, or what went wrong. */
    @Override
    public void post(ProjectRequest request, Matcher path) throws IOException {
        HttpServletResponse response = request.response();
        JsonObjectBuilder answer = Json.createObjectBuilder();
        try {
            if (!request.canWrite()) {
                throw new DomainException(DomainException.Kind.FORBIDDEN, "forbidden",
                        "uploading code needs write access to this project", null);
            }
            String type = request.http().getContentType();
            if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/")) {
                throw new DomainException(DomainException.Kind.UNSUPPORTED_CONTENT, "unsupported-media-type",
                        "send the .tar.gz itself as the body, not a multipart form", "package");
            }
            CommitService.Upload upload;
            try (InputStream body = request.http().getInputStream()) {
                upload = commitService.upload(request.project().id(), body, request.caller());
            }
            response.setStatus(upload.created() ? HttpServletResponse.SC_CREATED : HttpServletResponse.SC_OK);
            answer.add("commit", upload.commit().id()).add("created", upload.created())
                    .add("location", request.projectPath() + "/commits?uploaded="
                            + URLEncoder.encode(upload.commit().id(), StandardCharsets.UTF_8)
                            + (upload.created() ? "" : "&again=true"));
        } catch (DomainException e) {
            response.setStatus(DomainExceptionMapper.httpStatus(e));
            var error = ApiError.of(e);
            answer.add("error", error.error()).add("message", error.message());
            if (error.field() != null) {
                answer.add("field", error.field());
            }
        }
        response.setContentType("application/json;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(answer.build().toString());
    }

    private static Map<String, Object> view(ProjectRequest request, CodeCommit commit) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", commit.id());
        view.put("short", commit.id().substring(0, Math.min(13, commit.id().length())));
        view.put("created", ConsoleViews.time(commit.createdAt()));
        view.put("packageSize", ConsoleViews.size(commit.size()));
        ValohaiConfig config = CommitService.parse(commit.configYaml());
        view.put("steps", config.steps().stream().map(Step::name).map(step -> Map.of("name", step,
                "start", request.projectPath() + "/executions/new?commit="
                        + URLEncoder.encode(commit.id(), StandardCharsets.UTF_8) + "&step="
                        + URLEncoder.encode(step, StandardCharsets.UTF_8))).toList());
        view.put("warnings", config.warnings().stream().map(Object::toString).toList());
        return view;
    }

    private static String notice(ProjectRequest request, List<CodeCommit> newest) {
        String uploaded = request.http().getParameter("uploaded");
        Optional<CodeCommit> commit = newest.stream().filter(c -> c.id().equals(uploaded)).findFirst();
        if (commit.isEmpty()) {
            return null;
        }
        return "true".equals(request.http().getParameter("again"))
                ? "This package was uploaded before: it is commit " + uploaded + "."
                : "Uploaded commit " + uploaded + ".";
    }
}
