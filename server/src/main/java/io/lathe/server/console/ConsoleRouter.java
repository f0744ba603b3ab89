package io.lathe.server.console;

import io.lathe.server.auth.Access;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The console's URL map, read once from the {@link Get} and {@link Post} methods of the pages: which page method
 * answers a path, with the path's variables by name. Templates are tried from the most specific, so a literal
 * segment wins over a variable.
 */
final class ConsoleRouter {

    /** One page method: the bean to call it on, the method, and its access rule (null when it declares none). */
    record Handler(Object page, Method method, Access access) {
        Handler {
            Objects.requireNonNull(page, "page");
            Objects.requireNonNull(method, "method");
        }
    }

    /** A path template and the methods answering it, by HTTP method ({@code GET}, {@code POST}). */
    record Route(PathTemplate template, Map<String, Handler> handlers) {
    }

    /** The route a path matched, with the values of its variables. */
    record Match(Route route, Map<String, String> variables) {

        /** The handler of an HTTP method ({@code HEAD} is answered as {@code GET}), or null when there is none. */
        Handler handler(String httpMethod) {
            return route.handlers().get(httpMethod.equals("HEAD") ? "GET" : httpMethod);
        }
    }

    private final List<Route> routes;

    private ConsoleRouter(List<Route> routes) {
        this.routes = routes;
    }

    /**
     * The routes of these pages, keyed by the class that declares their methods (a CDI bean's own class, not its
     * proxy's). Two methods on one shape of path and HTTP method are a mistake, refused here.
     */
    static ConsoleRouter of(Map<Class<?>, Object> pages) {
        Map<String, Map<String, Handler>> byTemplate = new HashMap<>();
        Map<String, PathTemplate> templates = new HashMap<>();
        pages.forEach((type, page) -> {
            for (Method method : type.getMethods()) {
                Get get = method.getAnnotation(Get.class);
                Post post = method.getAnnotation(Post.class);
                if (get != null) {
                    add(byTemplate, templates, "GET", get.value(), new Handler(page, method,
                            method.getAnnotation(Access.class)));
                }
                if (post != null) {
                    add(byTemplate, templates, "POST", post.value(), new Handler(page, method,
                            method.getAnnotation(Access.class)));
                }
            }
            checkNoHiddenRoutes(type);
        });
        List<Route> routes = new ArrayList<>();
        templates.forEach((text, template) -> routes.add(new Route(template, Map.copyOf(byTemplate.get(text)))));
        routes.sort(Comparator.comparing(Route::template));
        for (int i = 0; i < routes.size(); i++) {
            for (int j = i + 1; j < routes.size(); j++) {
                if (routes.get(i).template().sameShape(routes.get(j).template())) {
                    throw new IllegalStateException("two console routes match the same paths: "
                            + routes.get(i).template().text() + " and " + routes.get(j).template().text());
                }
            }
        }
        return new ConsoleRouter(List.copyOf(routes));
    }

    /** The most specific route whose template matches {@code path}. */
    Optional<Match> match(String path) {
        for (Route route : routes) {
            Optional<Map<String, String>> variables = route.template().match(path);
            if (variables.isPresent()) {
                return Optional.of(new Match(route, variables.get()));
            }
        }
        return Optional.empty();
    }

    List<Route> routes() {
        return routes;
    }

    private static void add(Map<String, Map<String, Handler>> byTemplate, Map<String, PathTemplate> templates,
            String httpMethod, String text, Handler handler) {
        PathTemplate template = templates.computeIfAbsent(text, PathTemplate::parse);
        Class<?>[] parameters = handler.method().getParameterTypes();
        if (parameters.length != 1
                || !(parameters[0] == ConsoleRequest.class || parameters[0] == ProjectRequest.class)) {
            throw new IllegalStateException(handler.method() + " must take one ConsoleRequest or ProjectRequest");
        }
        if (parameters[0] == ProjectRequest.class && !template.variables().contains(ProjectRequest.VARIABLE)) {
            throw new IllegalStateException(handler.method() + " takes a ProjectRequest: its path needs {"
                    + ProjectRequest.VARIABLE + "}");
        }
        Handler previous = byTemplate.computeIfAbsent(text, t -> new HashMap<>()).putIfAbsent(httpMethod, handler);
        if (previous != null) {
            throw new IllegalStateException(httpMethod + " " + text + " is answered by both " + previous.method()
                    + " and " + handler.method());
        }
    }

    /** A route on a method the router cannot call (not public) would be silently missing: refuse it. */
    private static void checkNoHiddenRoutes(Class<?> type) {
        for (Method method : type.getDeclaredMethods()) {
            boolean routed = method.isAnnotationPresent(Get.class) || method.isAnnotationPresent(Post.class);
            if (routed && !Modifier.isPublic(method.getModifiers())) {
                throw new IllegalStateException(method + " is a console route and must be public");
            }
        }
    }
}
