package io.lathe.server.api;

import io.lathe.server.platform.DomainException;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * The one shape of every error the API returns: {@code {"error": code, "message": text, "field": name}}; the field
 * is left out when the error is not about one field.
 */
@JsonbPropertyOrder({"error", "message", "field"})
public record ApiError(String error, String message, String field) {

    public static ApiError of(DomainException refusal) {
        return new ApiError(refusal.code(), refusal.getMessage(), refusal.field());
    }
}
