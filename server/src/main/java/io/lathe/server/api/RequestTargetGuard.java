package io.lathe.server.api;

import io.lathe.server.platform.SecurityHeaders;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Refuses a request whose target is not a path: {@code OPTIONS *} asks about the server as a whole, which Lathe does
 * not describe that way; the container's default servlet would answer it 200 with an empty body.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class RequestTargetGuard extends HttpFilter {

    static final String BODY = "{\"error\":\"invalid-request-target\",\"message\":\"the request target must be a"
            + " path such as /api/v1/projects; docs/api.md lists them\"}";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!request.getRequestURI().startsWith("/")) {
            SecurityHeaders.apply(response);
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            response.setContentType("application/json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write(BODY);
            return;
        }
        chain.doFilter(request, response);
    }
}
