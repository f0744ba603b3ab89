package io.lathe.server.console;

import io.lathe.server.auth.ConsoleSession;
import io.lathe.server.platform.DomainException;
import io.lathe.server.accounts.Accounts;
import io.lathe.server.auth.Caller;
import io.lathe.server.auth.User;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/** {@code /sign-in}: the username-and-password form (CSRF-protected too) that starts a console session. */
@WebServlet("/sign-in")
public class SignInServlet extends HttpServlet {

    @Inject
    ConsoleTemplates templates;
    @Inject
    Accounts accounts;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (ConsoleSession.caller(request).isPresent()) {
            response.sendRedirect(next(request));
            return;
        }
        show(request, response, HttpServletResponse.SC_OK, null);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!ConsoleSession.csrfMatches(request, ConsoleSession.csrfOf(request))) {
            show(request, response, HttpServletResponse.SC_FORBIDDEN, "The form expired. Please sign in again.");
            return;
        }
        try {
            User user = accounts.authenticate(request.getParameter("username"), request.getParameter("password"),
                    "console");
            ConsoleSession.signIn(request, new Caller(user.id(), user.username(), user.role()));
            response.sendRedirect(next(request));
        } catch (DomainException e) {
            show(request, response, HttpServletResponse.SC_UNAUTHORIZED, "Wrong username or password.");
        }
    }

    private void show(HttpServletRequest request, HttpServletResponse response, int status, String error)
            throws IOException {
        Map<String, Object> model = new HashMap<>();
        model.put("error", error);
        model.put("next", next(request));
        model.put("username", request.getParameter("username"));
        templates.render(request, response, status, "sign-in", "Sign in", model);
    }

    /** Where to go after signing in: a path on this server only, never another site. */
    static String next(HttpServletRequest request) {
        String next = request.getParameter("next");
        boolean local = next != null && next.startsWith("/") && !next.startsWith("//") && !next.contains("\\")
                && !next.startsWith("/sign-in");
        return local ? next : "/projects";
    }
}
