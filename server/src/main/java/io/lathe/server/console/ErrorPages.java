package io.lathe.server.console;

import io.lathe.server.api.ApiError;
import io.lathe.server.api.DomainExceptionMapper;
import io.lathe.server.platform.DomainException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/**
 * The console's answer to a refused or missing thing: the error page with the status and the API's message, never
 * a stack trace; or, to a page's script that asks for JSON (an upload), the API's error shape.
 */
final class ErrorPages {

    private ErrorPages() {
    }

    static void render(ConsoleTemplates templates, HttpServletRequest request, HttpServletResponse response,
            DomainException error) throws IOException {
        int status = DomainExceptionMapper.httpStatus(error);
        if (error.retryAfterSeconds() != null) {
            response.setHeader("Retry-After", Long.toString(error.retryAfterSeconds()));
        }
        if (wantsJson(request)) {
            json(response, status, refusal(error));
            return;
        }
        templates.render(request, response, status, "error", status == 404 ? "Not found" : "Not allowed",
                Map.of("status", status, "message", error.getMessage()));
    }

    /** The API's error shape for a page's script: {@code {"error", "message", "field"?}}. */
    static JsonObject refusal(DomainException error) {
        ApiError shape = ApiError.of(error);
        JsonObjectBuilder answer = Json.createObjectBuilder().add("error", shape.error())
                .add("message", shape.message());
        if (shape.field() != null) {
            answer.add("field", shape.field());
        }
        return answer.build();
    }

    /** Answers a page's script. */
    static void json(HttpServletResponse response, int status, JsonObject body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(body.toString());
    }

    private static boolean wantsJson(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains("application/json") && !accept.contains("text/html");
    }
}
