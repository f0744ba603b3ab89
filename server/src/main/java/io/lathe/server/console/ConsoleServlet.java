package io.lathe.server.console;

import io.lathe.server.auth.Access;
import io.lathe.server.auth.AccessControl;
import io.lathe.server.auth.Caller;
import io.lathe.server.auth.ConsoleSession;
import io.lathe.server.auth.TokenAuthenticator;
import io.lathe.server.platform.DomainException;
import io.lathe.server.projects.ProjectService;
import io.lathe.server.projects.ProjectView;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The console's one front door, as {@code AccessFilter} is the API's: finds the page method for the URL
 * ({@link ConsoleRouter}), sends anyone not signed in (or disabled since) to the sign-in page and back afterwards,
 * refuses a form without the session's CSRF token, and checks the method's {@link Access} rule through
 * {@link AccessControl} before the page runs. A page method without a rule is refused. Refusals are the console's
 * error page with the API's status: 404 for what the caller may not see, 403 for what they may see but not do.
 */
@WebServlet(urlPatterns = {"", "/sign-in", "/sign-out", "/projects", "/projects/*", "/tokens", "/admin/*"})
public class ConsoleServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(ConsoleServlet.class.getName());

    @Inject
    Instance<ConsolePage> pages;
    @Inject
    AccessControl accessControl;
    @Inject
    TokenAuthenticator authenticator;
    @Inject
    ProjectService projects;
    @Inject
    ConsoleTemplates templates;

    private ConsoleRouter router;

    @Override
    public void init() {
        Map<Class<?>, Object> beans = new LinkedHashMap<>();
        for (Instance.Handle<ConsolePage> page : pages.handles()) {
            beans.put(page.getBean().getBeanClass(), page.get());
        }
        router = ConsoleRouter.of(beans);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        serve(request, response);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        serve(request, response);
    }

    private void serve(HttpServletRequest http, HttpServletResponse response) throws IOException {
        String path = http.getServletPath() + (http.getPathInfo() == null ? "" : http.getPathInfo());
        Optional<ConsoleRouter.Match> match = router.match(path);
        ConsoleRouter.Handler handler = match.map(m -> m.handler(http.getMethod())).orElse(null);
        Optional<ConsoleSession.SignedIn> signedIn = ConsoleSession.signedIn(http);
        // The user is read on every request: role as it is now; disabled, deleted or reset since signing in ends the
        // session, as the API stops taking the user's tokens.
        Optional<Caller> caller = signedIn.flatMap(authenticator::sessionCaller);
        if (signedIn.isPresent() && caller.isEmpty()) {
            ConsoleSession.end(http);
        }
        caller.ifPresent(c -> http.setAttribute(ConsoleTemplates.CALLER_ATTRIBUTE, c));
        if (handler != null && handler.access() != null && handler.access().value() == Access.Rule.PUBLIC) {
            // The sign-in form is reached without a session: it answers a stale form itself.
            call(handler, new ConsoleRequest(http, response, caller.orElse(null), match.get().variables()));
            return;
        }
        if (caller.isEmpty()) {
            String target = http.getRequestURI() + (http.getQueryString() == null ? "" : "?" + http.getQueryString());
            response.sendRedirect("/sign-in?next=" + URLEncoder.encode(target, StandardCharsets.UTF_8));
            return;
        }
        if (!isSafe(http.getMethod()) && !ConsoleSession.csrfMatches(http, ConsoleSession.csrfOf(http))) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN,
                    "the form is out of date (missing or wrong CSRF token): reload the page and try again");
            return;
        }
        try {
            ConsoleRequest request = new ConsoleRequest(http, response, caller.get(),
                    match.map(ConsoleRouter.Match::variables).orElse(Map.of()));
            if (match.isEmpty()) {
                throw DomainException.notFound("page", http.getRequestURI());
            }
            // A method the page does not answer is refused after the page's own rule, so that what the caller
            // may not see stays not found.
            ConsoleRouter.Handler ruling = handler != null ? handler : match.get().handler("GET");
            if (ruling != null) {
                check(request, ruling);
            }
            if (handler == null) {
                throw new DomainException(DomainException.Kind.NOT_ALLOWED, "method_not_allowed",
                        "this page has no form to post to", null);
            }
            call(handler, request);
        } catch (DomainException e) {
            ErrorPages.render(templates, http, response, e);
        }
    }

    private void check(ConsoleRequest request, ConsoleRouter.Handler handler) {
        Access access = handler.access();
        if (access == null) {
            LOG.severe("refused " + request.http().getRequestURI() + ": " + handler.method() + " has no @Access rule");
            throw new DomainException(DomainException.Kind.FORBIDDEN, "forbidden", "this page has no access rule",
                    null);
        }
        accessControl.check(request.caller(), access, request.variables().get(access.param()));
    }

    private void call(ConsoleRouter.Handler handler, ConsoleRequest request) throws IOException {
        Object argument = request;
        if (handler.method().getParameterTypes()[0] == ProjectRequest.class) {
            String id = request.variable(ProjectRequest.VARIABLE);
            argument = new ProjectRequest(request, ProjectView.of(projects.get(id)),
                    accessControl.roleIn(request.caller(), id));
        }
        try {
            handler.method().invoke(handler.page(), argument);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isSafe(String method) {
        return method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
    }
}
