package io.lathe.server.console;

import io.lathe.server.auth.ConsoleSession;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Guards every console page: anyone not signed in is sent to the sign-in page (and back afterwards), and every
 * request that changes something must carry the session's CSRF token.
 */
@WebFilter(urlPatterns = {"/projects", "/projects/*", "/tokens", "/admin/*", "/sign-out"})
public class ConsoleFilter extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (ConsoleSession.caller(request).isEmpty()) {
            String target = request.getRequestURI()
                    + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
            response.sendRedirect("/sign-in?next=" + URLEncoder.encode(target, StandardCharsets.UTF_8));
            return;
        }
        if (!isSafe(request.getMethod()) && !ConsoleSession.csrfMatches(request, ConsoleSession.csrfOf(request))) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN,
                    "the form is out of date (missing or wrong CSRF token): reload the page and try again");
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean isSafe(String method) {
        return method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
    }
}
