package io.lathe.server.console;

import io.lathe.server.api.DomainExceptionMapper;
import io.lathe.server.auth.Access;
import io.lathe.server.auth.Access.Rule;
import io.lathe.server.commits.CommitService;
import io.lathe.server.commits.CommitView;
import io.lathe.server.platform.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /projects/{project}/commits}: the project's code versions as the API shows them, with their steps, and
 * (for writers) an upload of a package of code. The page's script sends the file as the request body, as the API
 * takes it, so the upload streams through {@link CommitService} without being held anywhere but its scratch file;
 * the answer is JSON for the script.
 */
@ApplicationScoped
public class CommitsPage implements ConsolePage {

    private static final int SHOWN = 50;

    @Inject
    ConsoleTemplates templates;
    @Inject
    CommitService commits;

    @Get("/projects/{project}/commits")
    @Access(value = Rule.PROJECT_READ, param = "project")
    public void list(ProjectRequest request) throws IOException {
        List<CommitView> newest = commits.newest(request.project().id(), SHOWN).stream().map(CommitView::of)
                .toList();
        Map<String, Object> model = new HashMap<>();
        model.put("project", request.project());
        model.put("canWrite", request.canWrite());
        model.put("commits", newest);
        model.put("notice", notice(request, newest));
        templates.render(request.http(), request.response(), HttpServletResponse.SC_OK, "commits",
                "Code · " + request.project().name(), model);
    }

    /** The upload: the package is the body; the answer tells the page's script where to go, or what went wrong. */
    @Post("/projects/{project}/commits")
    @Access(value = Rule.PROJECT_WRITE, param = "project")
    public void upload(ProjectRequest request) throws IOException {
        try {
            String type = request.http().getContentType();
            if (type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
                throw new DomainException(DomainException.Kind.UNSUPPORTED_CONTENT, "unsupported-media-type",
                        "send the .tar.gz itself as the body, not a multipart form", "package");
            }
            CommitService.Upload upload;
            try (InputStream body = request.http().getInputStream()) {
                upload = commits.upload(request.project().id(), body, request.caller());
            }
            String id = upload.commit().id();
            ErrorPages.json(request.response(), upload.created() ? HttpServletResponse.SC_CREATED
                    : HttpServletResponse.SC_OK, Json.createObjectBuilder().add("commit", id)
                    .add("created", upload.created()).add("location", request.projectPath() + "/commits?uploaded="
                            + ConsoleFormat.query(id) + (upload.created() ? "" : "&again=true")).build());
        } catch (DomainException e) {
            ErrorPages.json(request.response(), DomainExceptionMapper.httpStatus(e),
                    ErrorPages.refusal(e));
        }
    }

    private static String notice(ProjectRequest request, List<CommitView> newest) {
        String uploaded = request.parameter("uploaded");
        if (newest.stream().noneMatch(c -> c.id().equals(uploaded))) {
            return null;
        }
        return "true".equals(request.parameter("again"))
                ? "This package was uploaded before: it is commit " + uploaded + "."
                : "Uploaded commit " + uploaded + ".";
    }
}
