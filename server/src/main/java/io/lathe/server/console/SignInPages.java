package io.lathe.server.console;

import io.lathe.server.accounts.Accounts;
import io.lathe.server.api.DomainExceptionMapper;
import io.lathe.server.auth.Access;
import io.lathe.server.auth.Access.Rule;
import io.lathe.server.auth.ConsoleSession;
import io.lathe.server.auth.User;
import io.lathe.server.platform.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code /}: the console starts at the projects page; {@code /sign-in}: the username-and-password form (with a CSRF
 * token too) that starts a console session; {@code POST /sign-out}: ends it.
 */
@ApplicationScoped
public class SignInPages implements ConsolePage {

    @Inject
    ConsoleTemplates templates;
    @Inject
    Accounts accounts;

    @Get("/")
    @Access(Rule.PUBLIC)
    public void root(ConsoleRequest request) throws IOException {
        request.response().sendRedirect("/projects");
    }

    @Get("/sign-in")
    @Access(Rule.PUBLIC)
    public void form(ConsoleRequest request) throws IOException {
        if (request.caller() != null) {
            request.response().sendRedirect(next(request.http()));
            return;
        }
        show(request, HttpServletResponse.SC_OK, null);
    }

    @Post("/sign-in")
    @Access(Rule.PUBLIC)
    public void signIn(ConsoleRequest request) throws IOException {
        HttpServletRequest http = request.http();
        if (!ConsoleSession.csrfMatches(http, ConsoleSession.csrfOf(http))) {
            show(request, HttpServletResponse.SC_FORBIDDEN, "The form expired. Please sign in again.");
            return;
        }
        try {
            User user = accounts.authenticate(http.getParameter("username"), http.getParameter("password"), "console",
                    http.getRemoteAddr());
            ConsoleSession.signIn(http, user);
            request.response().sendRedirect(next(http));
        } catch (DomainException e) {
            if (e.retryAfterSeconds() == null) {
                show(request, HttpServletResponse.SC_UNAUTHORIZED, "Wrong username or password.");
                return;
            }
            // Too many failures, or too many sign-ins at once: the same form, with how long to wait.
            request.response().setHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
            show(request, DomainExceptionMapper.httpStatus(e), "Too many attempts: try again in "
                    + e.retryAfterSeconds() + " seconds.");
        }
    }

    @Post("/sign-out")
    @Access(Rule.AUTHENTICATED)
    public void signOut(ConsoleRequest request) throws IOException {
        ConsoleSession.signOut(request.http());
        request.response().sendRedirect("/sign-in");
    }

    private void show(ConsoleRequest request, int status, String error) throws IOException {
        Map<String, Object> model = new HashMap<>();
        model.put("error", error);
        model.put("next", next(request.http()));
        model.put("username", request.parameter("username"));
        templates.render(request.http(), request.response(), status, "sign-in", "Sign in", model);
    }

    /** Where to go after signing in: a path on this server only, never another site. */
    static String next(HttpServletRequest request) {
        String next = request.getParameter("next");
        boolean local = next != null && next.startsWith("/") && !next.startsWith("//") && !next.contains("\\")
                && !next.startsWith("/sign-in");
        return local ? next : "/projects";
    }
}
