package io.lathe.server.auth;

import io.lathe.server.api.DomainExceptionMapper;
import io.lathe.server.platform.DomainException;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Runs before every API method: finds the caller from {@code Authorization: Bearer <token>} (or Valohai's
 * {@code Token <token>}, so the {@code vh} CLI's header works) or from the console's session, then checks the method's {@link Access} rule through
 * {@link AccessControl}. A method without a rule is refused.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class AccessFilter implements ContainerRequestFilter {

    private static final Logger LOG = Logger.getLogger(AccessFilter.class.getName());

    @Inject
    TokenAuthenticator authenticator;
    @Inject
    AccessControl accessControl;
    @Inject
    Unauthenticated refusals;

    @Context
    ResourceInfo resource;
    @Context
    HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        Access access = resource.getResourceMethod() == null ? null
                : resource.getResourceMethod().getAnnotation(Access.class);
        if (access == null) {
            LOG.severe("refused a call to " + resource.getResourceMethod() + ": it has no @Access rule");
            throw new DomainException(DomainException.Kind.FORBIDDEN, "forbidden", "this endpoint has no access rule", null);
        }
        if (access.value() == Access.Rule.PUBLIC) {
            return;
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        TokenAuthenticator.Authentication found;
        if (authorization == null) {
            Optional<Caller> console = consoleCaller(request);
            found = console.map(TokenAuthenticator.Authentication::of)
                    .orElseGet(() -> TokenAuthenticator.Authentication.refused(TokenAuthenticator.Refusal.MISSING));
        } else {
            found = secret(authorization).map(authenticator::authenticate)
                    .orElseGet(() -> TokenAuthenticator.Authentication.refused(TokenAuthenticator.Refusal.MALFORMED));
        }
        Optional<Caller> caller = found.caller();
        if (caller.isEmpty()) {
            Response refusal = DomainExceptionMapper.answer(new DomainException(DomainException.Kind.UNAUTHENTICATED,
                    "unauthorized", refusals.message(found.refusal(), found.at()), null));
            request.abortWith(Response.fromResponse(refusal)
                    .header(HttpHeaders.WWW_AUTHENTICATE, Unauthenticated.challenge(found.refusal())).build());
            return;
        }
        accessControl.check(caller.get(), access, parameter(request, access.param()));
        request.setSecurityContext(new CallerSecurityContext(caller.get(), request.getSecurityContext().isSecure()));
    }

    /**
     * The console's pages call the API with their session cookie instead of a token; a call that changes
     * something must then also carry the session's CSRF token in a header, which other sites cannot read.
     */
    private Optional<Caller> consoleCaller(ContainerRequestContext request) {
        Optional<ConsoleSession.SignedIn> signedIn = ConsoleSession.signedIn(servletRequest);
        if (signedIn.isEmpty()) {
            return Optional.empty();
        }
        String method = request.getMethod();
        boolean safe = method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
        if (!safe && !ConsoleSession.csrfMatches(servletRequest, request.getHeaderString(ConsoleSession.CSRF_HEADER))) {
            return Optional.empty();
        }
        return authenticator.sessionCaller(signedIn.get());
    }

    private static String parameter(ContainerRequestContext request, String name) {
        String fromPath = request.getUriInfo().getPathParameters().getFirst(name);
        return fromPath != null ? fromPath : request.getUriInfo().getQueryParameters().getFirst(name);
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
