package io.lathe.server.console;

import io.lathe.server.platform.DomainException;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A console page below a project, {@code /projects/{id}/<path>}: {@link ProjectPages} checks that the caller may
 * read the project, finds the subpage whose {@link #path()} matches the rest of the URL and hands it the request.
 * A new page is a new implementation (a CDI bean); nothing else changes.
 */
public interface ProjectSubpage {

    /** What this page answers after {@code /projects/{id}/}, e.g. {@code executions/(\d{1,9})}. */
    Pattern path();

    /** Renders the page for a GET. Throws {@link DomainException} for what the caller may not see or do. */
    void get(ProjectRequest request, Matcher path) throws IOException;

    /** Handles a form's POST (its CSRF token already checked); pages without forms answer 405. */
    default void post(ProjectRequest request, Matcher path) throws IOException {
        throw new DomainException(DomainException.Kind.NOT_ALLOWED, "method_not_allowed",
                "this page has no form to post to", null);
    }
}
