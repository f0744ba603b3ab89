package io.lathe.server.auth;

import io.lathe.server.api.ApiException;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;
import java.util.Optional;

/**
 * Every API request must carry {@code Authorization: Bearer <token>} (or Valohai's {@code Token <token>}, so the
 * {@code vh} CLI's header works); anything else is answered 401 before it reaches a resource.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class AuthenticationFilter implements ContainerRequestFilter {

    @Inject
    TokenAuthenticator authenticator;

    @Override
    public void filter(ContainerRequestContext request) {
        Optional<Caller> caller = secret(request.getHeaderString(HttpHeaders.AUTHORIZATION))
                .flatMap(authenticator::authenticate);
        if (caller.isEmpty()) {
            Response refusal = new ApiException(Response.Status.UNAUTHORIZED, "unauthorized",
                    "send a valid API token as 'Authorization: Bearer <token>'; the first one is in "
                            + "LATHE_HOME/secrets/initial-admin-token", null).toResponse();
            request.abortWith(Response.fromResponse(refusal).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build());
            return;
        }
        boolean secure = request.getSecurityContext().isSecure();
        request.setSecurityContext(new CallerSecurityContext(caller.get(), secure));
    }

    private static Optional<String> secret(String header) {
        if (header == null) {
            return Optional.empty();
        }
        for (String scheme : new String[] {"Bearer ", "Token "}) {
            if (header.regionMatches(true, 0, scheme, 0, scheme.length())) {
                String secret = header.substring(scheme.length()).trim();
                return secret.isEmpty() ? Optional.empty() : Optional.of(secret);
            }
        }
        return Optional.empty();
    }

    private record CallerSecurityContext(Caller caller, boolean secure) implements SecurityContext {
        @Override
        public Principal getUserPrincipal() {
            return caller;
        }

        @Override
        public boolean isUserInRole(String role) {
            return caller.role().name().equalsIgnoreCase(role);
        }

        @Override
        public boolean isSecure() {
            return secure;
        }

        @Override
        public String getAuthenticationScheme() {
            return "Bearer";
        }
    }
}
