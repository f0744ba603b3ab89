package io.lathe.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lathe.server.auth.Access;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ConsoleRulesTest {

    @Test
    void everyConsolePageDeclaresWhoMayOpenIt() {
        List<ConsoleRoutes.Route> routes = ConsoleRoutes.all();
        assertTrue(routes.size() > 20, "found only " + routes);
        List<String> withoutRule = routes.stream().filter(r -> !r.method().isAnnotationPresent(Access.class))
                .map(ConsoleRoutes.Route::key).toList();
        assertTrue(withoutRule.isEmpty(), "console pages without an @Access rule: " + withoutRule);
    }

    @Test
    void aProjectRuleNamesTheVariableOfItsPathThatHoldsTheProject() {
        List<String> wrong = ConsoleRoutes.all().stream().filter(r -> {
            Access access = r.method().getAnnotation(Access.class);
            return access != null && access.value().name().startsWith("PROJECT_")
                    && (access.on() != Access.On.PROJECT
                    || !PathTemplate.parse(r.path()).variables().contains(access.param()));
        }).map(ConsoleRoutes.Route::key).toList();
        assertTrue(wrong.isEmpty(), "project rules whose param is not the path's project: " + wrong);
    }

    @Test
    void onlySigningInIsOpenToAnonymousVisitors() {
        Set<String> open = ConsoleRoutes.all().stream()
                .filter(r -> r.method().getAnnotation(Access.class) != null
                        && r.method().getAnnotation(Access.class).value() == Access.Rule.PUBLIC)
                .map(ConsoleRoutes.Route::key).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(List.of("GET /", "GET /sign-in", "POST /sign-in")), open);
    }

    @Test
    void everyPageClassServesSomethingAndTheRoutesFitTogether() {
        for (Class<?> type : ConsoleRoutes.pageClasses()) {
            assertTrue(ConsoleRoutes.all().stream().anyMatch(r -> r.method().getDeclaringClass() == type),
                    type + " is a console page without a route");
        }
        // The router refuses routes that clash, take the wrong request or cannot be called: it must accept these.
        java.util.Map<Class<?>, Object> pages = new java.util.LinkedHashMap<>();
        ConsoleRoutes.pageClasses().forEach(type -> pages.put(type, type));
        assertEquals(ConsoleRoutes.all().stream().map(ConsoleRoutes.Route::path).distinct().count(),
                ConsoleRouter.of(pages).routes().size());
    }
}
