package io.lathe.server.api;

import jakarta.ws.rs.core.Response;
import java.util.Objects;

/**
 * An error to show the API's caller: an HTTP status, a stable code, a message that says what to do, and the field
 * of the request at fault when there is one.
 */
public class ApiException extends RuntimeException {

    private final Response.StatusType status;
    private final String code;
    private final String field;

    public ApiException(Response.StatusType status, String code, String message, String field) {
        super(message);
        this.status = Objects.requireNonNull(status, "status");
        this.code = Objects.requireNonNull(code, "code");
        this.field = field;
    }

    public static ApiException badRequest(String code, String message, String field) {
        return new ApiException(Response.Status.BAD_REQUEST, code, message, field);
    }

    public static ApiException notFound(String what, String id) {
        return new ApiException(Response.Status.NOT_FOUND, "not-found", "no " + what + " '" + id + "'", null);
    }

    public static ApiException conflict(String code, String message) {
        return new ApiException(Response.Status.CONFLICT, code, message, null);
    }

    public Response.StatusType status() {
        return status;
    }

    /** The request's field at fault ({@code title}, {@code parameters.epochs}, {@code inputs.dataset}), or null. */
    public String field() {
        return field;
    }

    public ApiError toError() {
        return new ApiError(code, getMessage(), field);
    }

    /** This error as a response. */
    public Response toResponse() {
        return Response.status(status).type("application/json").entity(toError()).build();
    }
}
