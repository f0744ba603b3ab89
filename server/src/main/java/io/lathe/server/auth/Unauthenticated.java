package io.lathe.server.auth;

import io.lathe.server.platform.LatheSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.time.Instant;

/**
 * What the 401 a request without a usable credential gets says: what was wrong with what it sent (nothing, a header that is
 * not a bearer token, a token this server does not know, one that expired or was revoked, a disabled user) and what
 * to do, with RFC 6750's {@code WWW-Authenticate} so that clients can tell a missing token from a bad one.
 */
@ApplicationScoped
public class Unauthenticated {

    @Inject
    LatheSettings settings;

    /** What the 401's message says. */
    public String message(TokenAuthenticator.Refusal refusal, Long at) {
        return switch (refusal) {
            case MISSING -> "this endpoint needs an API token: send it as 'Authorization: Bearer <token>'"
                    + firstToken();
            case MALFORMED -> "the Authorization header must be 'Bearer <token>' (or 'Token <token>'), with the token"
                    + " after one space";
            case UNKNOWN -> "this server issued no such token: check that it was copied whole, or sign in"
                    + " (POST /api/v1/auth/token) for a new one" + firstToken();
            case EXPIRED -> "this token expired at " + Instant.ofEpochMilli(at) + "; sign in (POST /api/v1/auth/token)"
                    + " or ask for a new one";
            case REVOKED -> "this token was revoked at " + Instant.ofEpochMilli(at) + " (by its owner, or by an admin"
                    + " disabling the user or changing their role or password); sign in for a new one";
            case DISABLED -> "the user of this token is disabled; an admin can enable them again";
        };
    }

    /** The {@code WWW-Authenticate} challenge (RFC 6750): a bad token is told apart from none. */
    public static String challenge(TokenAuthenticator.Refusal refusal) {
        return switch (refusal) {
            case MISSING -> "Bearer";
            case MALFORMED -> "Bearer error=\"invalid_request\"";
            default -> "Bearer error=\"invalid_token\"";
        };
    }

    /** Only while the first start's token file is there (it goes at the admin's first sign-in): where it is. */
    private String firstToken() {
        var file = settings.initialAdminTokenFile();
        return Files.exists(file) ? "; the first admin's token is in " + file.toAbsolutePath() : "";
    }
}
