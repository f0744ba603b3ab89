package io.lathe.server.api;

import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every other failure still answers in the API's error shape and never with a stack trace: JAX-RS's own errors
 * keep their status; unreadable JSON is the caller's 400; anything else is logged and reported as a 500.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Override
    public Response toResponse(Throwable exception) {
        Throwable cause = rootJsonCause(exception);
        if (cause != null) {
            return new ApiException(Response.Status.BAD_REQUEST, "invalid-json",
                    "the request body is not valid JSON of the expected shape: " + cause.getMessage(), null)
                    .toResponse();
        }
        if (exception instanceof WebApplicationException web) {
            Response.StatusType status = web.getResponse().getStatusInfo();
            String code = status.getReasonPhrase().toLowerCase().replace(' ', '-');
            return new ApiException(status, code, describe(status.getStatusCode()), null).toResponse();
        }
        LOG.log(Level.SEVERE, "unexpected error serving a request", exception);
        return new ApiException(Response.Status.INTERNAL_SERVER_ERROR, "internal-error",
                "the server failed to handle this request; the server log has the details", null).toResponse();
    }

    private static String describe(int status) {
        switch (status) {
            case 404:
                return "there is nothing at this path; see docs/api.md for the endpoints";
            case 405:
                return "this path does not take this HTTP method; see docs/api.md";
            case 406:
                return "this endpoint cannot answer in the media type asked for in Accept";
            case 415:
                return "this endpoint does not take a body of this Content-Type; see docs/api.md";
            default:
                return "the request was refused (HTTP " + status + ")";
        }
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
