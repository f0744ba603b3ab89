package io.lathe.server.api;

import io.lathe.server.platform.SecurityHeaders;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The last guard of the API's error shape. When JAX-RS gives up on a request (an exception mapper that failed, such
 * as Jersey's own for a transaction that could not commit, or an Error that escaped), the container would answer with
 * its HTML error page: the API answers with its JSON error instead.
 */
@WebFilter(urlPatterns = "/api/*", asyncSupported = true)
public class ApiFailureGuard extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(ApiFailureGuard.class.getName());
    static final String BODY = "{\"error\":\"internal-error\",\"message\":\"the server failed to handle this request;"
            + " the server log has the details\"}";
    static final String NOT_FOUND = "{\"error\":\"not-found\",\"message\":\"there is no such endpoint; docs/api.md"
            + " lists them\"}";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!ApiApplication.PATH.equals(request.getServletPath())) {
            // Under /api but not the API (a dot segment or an encoded slash led here): the container's default
            // servlet would answer, with 501 for a method it does not know. The chain stops here, so the security
            // headers' filter may not have run yet.
            SecurityHeaders.apply(response);
            writeError(response, HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        HttpServletResponse errorsAsJson = new HttpServletResponseWrapper(response) {
            @Override
            public void sendError(int status) throws IOException {
                writeError(response, status);
            }

            @Override
            public void sendError(int status, String message) throws IOException {
                writeError(response, status);
            }
        };
        try {
            chain.doFilter(request, errorsAsJson);
        } catch (ServletException | RuntimeException | Error e) {
            if (response.isCommitted()) {
                throw e;
            }
            LOG.log(Level.SEVERE, "a request to the API failed outside its error handling", e);
            writeError(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
        }
    }

    private static void writeError(HttpServletResponse response, int status) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        // Not reset(): that would drop the security headers set on the way in.
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(status >= 500 ? BODY : status == HttpServletResponse.SC_NOT_FOUND ? NOT_FOUND
                : "{\"error\":\"http-" + status + "\",\"message\":\"the request was refused (HTTP " + status
                + "); docs/api.md shows what each endpoint takes\"}");
        response.flushBuffer();
    }
}
