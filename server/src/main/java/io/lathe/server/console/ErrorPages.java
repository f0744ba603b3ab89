package io.lathe.server.console;

import io.lathe.server.api.DomainExceptionMapper;
import io.lathe.server.platform.DomainException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/** The console's page for a refused or missing thing: the status and the API's message, never a stack trace. */
final class ErrorPages {

    private ErrorPages() {
    }

    /** The page a signed-in user who is not an admin gets for an admin page. */
    static void adminsOnly(ConsoleTemplates templates, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        render(templates, request, response, new DomainException(DomainException.Kind.FORBIDDEN,
                "forbidden", "this page is for admins", null));
    }

    static void render(ConsoleTemplates templates, HttpServletRequest request, HttpServletResponse response,
            DomainException error) throws IOException {
        int status = DomainExceptionMapper.httpStatus(error);
        templates.render(request, response, status, "error", status == 404 ? "Not found" : "Not allowed",
                Map.of("status", status, "message", error.getMessage()));
    }
}
