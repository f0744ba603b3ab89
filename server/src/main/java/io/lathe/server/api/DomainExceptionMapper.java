package io.lathe.server.api;

import io.lathe.server.platform.DomainException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * The one place that turns the domain's refusals into the API's answers: each {@link DomainException.Kind} has its
 * HTTP status, and the body is the one error shape, {@link ApiError}.
 */
@Provider
public class DomainExceptionMapper implements ExceptionMapper<DomainException> {

    @Override
    public Response toResponse(DomainException exception) {
        return answer(exception);
    }

    /** The API's answer to {@code refusal}. */
    public static Response answer(DomainException refusal) {
        Response answer = answer(statusOf(refusal.kind()), ApiError.of(refusal));
        if (refusal.retryAfterSeconds() != null) {
            return Response.fromResponse(answer).header("Retry-After", refusal.retryAfterSeconds()).build();
        }
        return answer;
    }

    static Response answer(Response.StatusType status, ApiError error) {
        return Response.status(status).type("application/json").entity(error).build();
    }

    /** The HTTP status code of {@code refusal}, for front doors that write their own answer (the console). */
    public static int httpStatus(DomainException refusal) {
        return statusOf(refusal.kind()).getStatusCode();
    }

    /** The HTTP status every front door answers a kind of refusal with. */
    public static Response.Status statusOf(DomainException.Kind kind) {
        return switch (kind) {
            case INVALID -> Response.Status.BAD_REQUEST;
            case UNAUTHENTICATED -> Response.Status.UNAUTHORIZED;
            case FORBIDDEN -> Response.Status.FORBIDDEN;
            case NOT_FOUND -> Response.Status.NOT_FOUND;
            case NOT_ALLOWED -> Response.Status.METHOD_NOT_ALLOWED;
            case CONFLICT -> Response.Status.CONFLICT;
            case GONE -> Response.Status.GONE;
            case TOO_LARGE -> Response.Status.REQUEST_ENTITY_TOO_LARGE;
            case UNSUPPORTED_CONTENT -> Response.Status.UNSUPPORTED_MEDIA_TYPE;
            case TOO_MANY_REQUESTS -> Response.Status.TOO_MANY_REQUESTS;
            case UPSTREAM_FAILED -> Response.Status.BAD_GATEWAY;
            case UNAVAILABLE -> Response.Status.SERVICE_UNAVAILABLE;
        };
    }
}
