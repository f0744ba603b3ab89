package io.lathe.server.console;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.Map;

/**
 * The console's error page for every error the container itself would answer outside the API (a path no page has,
 * a static file that is not there, a method a path does not take): Payara's own error page names the server and
 * is not Lathe's. The API has its own guard ({@code ApiFailureGuard}) and is left alone.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class ContainerErrorPages extends HttpFilter {

    @Inject
    ConsoleTemplates templates;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        // The path as mapped (dot segments resolved): /api/v1/../x is not the API's.
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (path.startsWith("/api/") || path.equals("/api")) {
            chain.doFilter(request, response);
            return;
        }
        chain.doFilter(request, new HttpServletResponseWrapper(response) {
            @Override
            public void sendError(int status) throws IOException {
                render(request, response, status, null);
            }

            @Override
            public void sendError(int status, String message) throws IOException {
                render(request, response, status, message);
            }
        });
    }

    /** @param given the message of whoever refused */
    private void render(HttpServletRequest request, HttpServletResponse response, int status, String given)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        // Only the console sends 403 (a form without its CSRF token), with a message for the user; the container's
        // messages (a path, the RFC a method is missing from) are replaced.
        boolean ours = given != null && !given.isBlank() && status == HttpServletResponse.SC_FORBIDDEN;
        String message = ours ? given : switch (status) {
            case HttpServletResponse.SC_NOT_FOUND -> "There is no page at this address.";
            case HttpServletResponse.SC_FORBIDDEN -> "You may not do this.";
            case HttpServletResponse.SC_METHOD_NOT_ALLOWED, HttpServletResponse.SC_NOT_IMPLEMENTED ->
                    "This address does not take a " + request.getMethod() + " request.";
            default -> status >= 500 ? "The server failed to handle this request; the server log has the details."
                    : "The request was refused (HTTP " + status + ").";
        };
        // A method the container does not know is the caller's error, not a server fault.
        int answered = status == HttpServletResponse.SC_NOT_IMPLEMENTED ? HttpServletResponse.SC_METHOD_NOT_ALLOWED
                : status;
        templates.render(request, response, answered, "error", answered == 404 ? "Not found" : "Not allowed",
                Map.of("status", answered, "message", message));
    }
}
