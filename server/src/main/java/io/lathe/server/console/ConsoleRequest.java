package io.lathe.server.console;

import io.lathe.server.auth.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.Objects;

/**
 * A request for a console page whose access rule {@link ConsoleServlet} has checked: the servlet request and response,
 * who is signed in (null only on public pages) and the values of the path template's variables.
 */
public record ConsoleRequest(HttpServletRequest http, HttpServletResponse response, Caller caller,
        Map<String, String> variables) {

    public ConsoleRequest {
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(response, "response");
        variables = Map.copyOf(variables);
    }

    /** The value of a variable of the page's path template. */
    public String variable(String name) {
        String value = variables.get(name);
        if (value == null) {
            throw new IllegalArgumentException("the page's path has no {" + name + "}");
        }
        return value;
    }

    /** A query or form parameter, or null. */
    public String parameter(String name) {
        return http.getParameter(name);
    }
}
