package io.lathe.server.platform;

import java.util.Objects;

/**
 * Why the server refuses what it was asked, in the domain's terms: what kind of refusal it is, a stable code, a
 * message that says what to do, and the field of the request at fault when there is one. Services, the plugin host
 * and the scheduler throw it; each front door (the REST API, the console) turns it into its own answer in one place,
 * so nothing below them knows of HTTP.
 */
public class DomainException extends RuntimeException {

    /** The kinds of refusal, each answered in one way by every front door. */
    public enum Kind {
        /** The request is wrong: a field, a file or a line of it (400). */
        INVALID,
        /** The caller is not signed in, or its credentials are wrong (401). */
        UNAUTHENTICATED,
        /** The caller may see the thing but not do this to it (403). */
        FORBIDDEN,
        /** There is no such thing, or the caller may not see it (404). */
        NOT_FOUND,
        /** The front door has no such operation on this thing (405). */
        NOT_ALLOWED,
        /** The thing's state or another thing stands in the way (409). */
        CONFLICT,
        /** The thing was there and is gone for good (410). */
        GONE,
        /** The request or what it leads to is larger than a limit allows (413). */
        TOO_LARGE,
        /** The request's content is of a type this operation does not take (415). */
        UNSUPPORTED_CONTENT,
        /** The caller has tried too often; it may try again after {@link #retryAfterSeconds()} (429). */
        TOO_MANY_REQUESTS,
        /** Something the server relies on outside itself (a plugin, an update site) failed (502). */
        UPSTREAM_FAILED,
        /** The server cannot do this yet (it is still starting) (503). */
        UNAVAILABLE
    }

    private final Kind kind;
    private final String code;
    private final String field;
    private final Long retryAfterSeconds;

    public DomainException(Kind kind, String code, String message, String field) {
        this(kind, code, message, field, null);
    }

    private DomainException(Kind kind, String code, String message, String field, Long retryAfterSeconds) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.code = Objects.requireNonNull(code, "code");
        this.field = field;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /**
     * A refusal that passes: the same request may succeed after {@code seconds} (at least 1). Front doors say so
     * ({@code Retry-After}).
     */
    public static DomainException retryLater(Kind kind, String code, String message, long seconds) {
        return new DomainException(kind, code, message, null, Math.max(1, seconds));
    }

    /** A request that is wrong in {@code field} (null when it is not about one field). */
    public static DomainException invalid(String code, String message, String field) {
        return new DomainException(Kind.INVALID, code, message, field);
    }

    /** {@code no <what> '<id>'}. */
    public static DomainException notFound(String what, String id) {
        return new DomainException(Kind.NOT_FOUND, "not-found", "no " + what + " '" + id + "'", null);
    }

    public static DomainException conflict(String code, String message) {
        return new DomainException(Kind.CONFLICT, code, message, null);
    }

    public static DomainException forbidden(String message) {
        return new DomainException(Kind.FORBIDDEN, "forbidden", message, null);
    }

    public static DomainException tooLarge(String code, String message) {
        return new DomainException(Kind.TOO_LARGE, code, message, null);
    }

    public Kind kind() {
        return kind;
    }

    /** A stable, kebab-case code a client can test ({@code name-taken}, {@code unknown-step}). */
    public String code() {
        return code;
    }

    /** Seconds after which the same request may succeed, or null when waiting would not help. */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The request's field at fault ({@code title}, {@code parameters.epochs}, {@code inputs.dataset}), or null. */
    public String field() {
        return field;
    }
}
