package io.lathe.server.console;

import io.lathe.server.auth.Caller;
import io.lathe.server.auth.ProjectRole;
import io.lathe.server.platform.DomainException;
import io.lathe.server.projects.ProjectView;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Objects;

/**
 * A request for a page below {@code /projects/{project}}, whose rule the caller passed: the project and the caller's
 * role in it (for what the page shows, such as a button only writers may use).
 */
public record ProjectRequest(ConsoleRequest console, ProjectView project, ProjectRole role) {

    /** The path variable naming the project. */
    public static final String VARIABLE = "project";

    public ProjectRequest {
        Objects.requireNonNull(console, "console");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(role, "role");
    }

    public HttpServletRequest http() {
        return console.http();
    }

    public HttpServletResponse response() {
        return console.response();
    }

    public Caller caller() {
        return console.caller();
    }

    public String variable(String name) {
        return console.variable(name);
    }

    public String parameter(String name) {
        return console.parameter(name);
    }

    /**
     * The number a path variable holds ({@code 12} in {@code /executions/12}); anything else is no such
     * {@code what}, as a counter that does not exist.
     */
    public int counter(String variable, String what) {
        String text = variable(variable);
        if (!text.matches("\\d{1,9}")) {
            throw DomainException.notFound(what, "#" + text);
        }
        return Integer.parseInt(text);
    }

    public boolean canWrite() {
        return role.covers(ProjectRole.WRITE);
    }

    /** The project's own URL, from which its subpages' URLs are built. */
    public String projectPath() {
        return "/projects/" + project.id();
    }
}
