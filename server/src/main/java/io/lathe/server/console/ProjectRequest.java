package io.lathe.server.console;

import io.lathe.server.auth.Caller;
import io.lathe.server.auth.ProjectRole;
import io.lathe.server.projects.Project;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** A request for a page below a project the caller may read, with the caller's role in it. */
public record ProjectRequest(HttpServletRequest http, HttpServletResponse response, Caller caller, Project project,
        ProjectRole role) {

    public boolean canWrite() {
        return role.covers(ProjectRole.WRITE);
    }

    /** The project's own URL, from which its subpages' URLs are built. */
    public String projectPath() {
        return "/projects/" + project.id();
    }
}
