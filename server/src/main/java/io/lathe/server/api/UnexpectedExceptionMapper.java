package io.lathe.server.api;

import io.lathe.server.platform.DomainException;
import io.lathe.plugin.api.PluginException;
import jakarta.json.JsonException;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParsingException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every other failure still answers in the API's error shape and never with a stack trace: JAX-RS's own errors
 * keep their status; unreadable JSON is the caller's 400; a plugin's failure is a 502 with its message; anything else
 * is logged and reported as a 500.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());
    /** How JSON-B names the field it failed on. */
    private static final Pattern PROPERTY = Pattern.compile("property '([^']{1,100})'");

    @Override
    public Response toResponse(Throwable exception) {
        // JAX-RS and JSON-B wrap what our own code throws while they read a request (a body over its limit, a
        // parameter that is not a number): the answer is the one our code gave.
        Throwable ours = causeOfType(exception, DomainException.class);
        if (ours != null) {
            return DomainExceptionMapper.answer((DomainException) ours);
        }
        // A plugin that failed (threw, timed out, answered nonsense) is a bad gateway, not this server's fault: its
        // message names the instance and the call, and the fault is recorded against the plugin.
        Throwable plugin = causeOfType(exception, PluginException.class);
        if (plugin != null) {
            return DomainExceptionMapper.answer(Response.Status.BAD_GATEWAY, new ApiError("plugin-failed", plugin.getMessage(), null));
        }
        Throwable cause = rootJsonCause(exception);
        if (cause != null) {
            return DomainExceptionMapper.answer(invalidJson(exception, cause));
        }
        if (exception instanceof WebApplicationException web) {
            Response.StatusType status = web.getResponse().getStatusInfo();
            String code = status.getReasonPhrase().toLowerCase().replace(' ', '-');
            return DomainExceptionMapper.answer(status, new ApiError(code, describe(status.getStatusCode()), null));
        }
        LOG.log(Level.SEVERE, "unexpected error serving a request", exception);
        return DomainExceptionMapper.answer(Response.Status.INTERNAL_SERVER_ERROR, new ApiError("internal-error",
                "the server failed to handle this request; the server log has the details", null));
    }

    /**
     * What is wrong with a body JSON-B could not read, in the caller's terms: where its syntax breaks, or which field
     * has a value of the wrong type. JSON-B's own messages name Java classes, which mean nothing to a caller.
     */
    static DomainException invalidJson(Throwable exception, Throwable cause) {
        JsonParsingException syntax = (JsonParsingException) causeOfType(exception, JsonParsingException.class);
        if (syntax != null && syntax.getLocation() != null && syntax.getLocation().getLineNumber() > 0) {
            JsonLocation at = syntax.getLocation();
            return DomainException.invalid("invalid-json", "the request body is not valid JSON (line "
                    + at.getLineNumber() + ", column " + at.getColumnNumber() + "); send one JSON object", null);
        }
        Matcher property = PROPERTY.matcher(String.valueOf(cause.getMessage()));
        if (property.find()) {
            String field = property.group(1);
            return DomainException.invalid("invalid-json", "the field '" + field + "' has a value of the wrong"
                    + " type; docs/api.md shows the body this endpoint takes", field);
        }
        return DomainException.invalid("invalid-json", "the request body is not JSON of the expected shape;"
                + " docs/api.md shows the body this endpoint takes", null);
    }

    private static String describe(int status) {
        switch (status) {
            case 400:
                return "the request cannot be read: is its body missing or malformed? docs/api.md shows what each"
                        + " endpoint takes";
            case 404:
                return "there is nothing at this path; see docs/api.md for the endpoints";
            case 405:
                return "this path does not take this HTTP method; see docs/api.md";
            case 406:
                return "this endpoint cannot answer in the media type asked for in Accept";
            case 415:
                // Every endpoint that checks the type takes JSON; uploads take any type and judge the bytes.
                return "this endpoint takes a JSON body: send it with the header 'Content-Type: application/json'";
            default:
                return "the request was refused (HTTP " + status + ")";
        }
    }

    private static Throwable causeOfType(Throwable exception, Class<? extends Throwable> type) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        return null;
    }

    private static Throwable rootJsonCause(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof JsonbException || t instanceof JsonException) {
                return t;
            }
        }
        return null;
    }
}
