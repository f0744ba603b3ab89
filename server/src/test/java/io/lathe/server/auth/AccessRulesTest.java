package io.lathe.server.auth;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AccessRulesTest {

    @Test
    void everyApiEndpointDeclaresWhoMayCallIt() {
        List<ApiEndpoints.Endpoint> endpoints = ApiEndpoints.all();
        assertTrue(endpoints.size() > 20, "found only " + endpoints);
        List<String> withoutRule = endpoints.stream()
                .filter(e -> !e.method().isAnnotationPresent(Access.class))
                .map(ApiEndpoints.Endpoint::key).toList();
        assertTrue(withoutRule.isEmpty(), "endpoints without an @Access rule: " + withoutRule);
    }

    @Test
    void onlySigningInIsOpenToAnonymousCallers() {
        List<String> open = ApiEndpoints.all().stream()
                .filter(e -> e.method().getAnnotation(Access.class) != null
                        && e.method().getAnnotation(Access.class).value() == Access.Rule.PUBLIC)
                .map(ApiEndpoints.Endpoint::key).toList();
        assertTrue(open.equals(List.of("POST /api/v1/auth/token")), open.toString());
    }
}
