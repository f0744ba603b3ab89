package io.lathe.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lathe.server.auth.Access;
import io.lathe.server.auth.Access.Rule;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConsoleRouterTest {

    public static class Pages {
        @Get("/projects/{project}/tasks/{counter}")
        @Access(value = Rule.PROJECT_READ, param = "project")
        public void task(ProjectRequest request) {
        }

        @Get("/projects/{project}/tasks/new")
        @Access(value = Rule.PROJECT_READ, param = "project")
        public void form(ProjectRequest request) {
        }

        @Post("/projects/{project}/tasks/new")
        @Access(value = Rule.PROJECT_WRITE, param = "project")
        public void start(ProjectRequest request) {
        }

        @Get("/admin/{kind}")
        @Access(Rule.ADMIN)
        public void kind(ConsoleRequest request) {
        }

        @Get("/admin/users")
        public void users(ConsoleRequest request) {
        }

        @Get("/")
        @Access(Rule.PUBLIC)
        public void root(ConsoleRequest request) {
        }
    }

    public static class Clash {
        @Get("/admin/{name}")
        @Access(Rule.ADMIN)
        public void other(ConsoleRequest request) {
        }
    }

    public static class NoProjectInPath {
        @Get("/tokens")
        @Access(Rule.AUTHENTICATED)
        public void tokens(ProjectRequest request) {
        }
    }

    public static class Hidden {
        @Get("/hidden")
        @Access(Rule.AUTHENTICATED)
        void hidden(ConsoleRequest request) {
        }
    }

    private static final ConsoleRouter ROUTER = ConsoleRouter.of(Map.of(Pages.class, new Pages()));

    @Test
    void aPathGivesItsVariablesByName() {
        ConsoleRouter.Match match = ROUTER.match("/projects/p-1/tasks/12").orElseThrow();
        assertEquals(Map.of("project", "p-1", "counter", "12"), match.variables());
        assertEquals("task", match.handler("GET").method().getName());
        assertEquals("task", match.handler("HEAD").method().getName(), "HEAD is answered as GET");
        assertNull(match.handler("POST"), "no form on this page");
    }

    @Test
    void aLiteralSegmentWinsOverAVariable() {
        assertEquals("form", ROUTER.match("/projects/p/tasks/new").orElseThrow().handler("GET").method().getName());
        assertEquals("start", ROUTER.match("/projects/p/tasks/new").orElseThrow().handler("POST").method().getName());
        assertEquals("users", ROUTER.match("/admin/users").orElseThrow().handler("GET").method().getName());
        assertEquals("kind", ROUTER.match("/admin/environments").orElseThrow().handler("GET").method().getName());
    }

    @Test
    void aRouteWithoutARuleIsFoundAndCarriesNone() {
        assertNull(ROUTER.match("/admin/users").orElseThrow().handler("GET").access(),
                "the front door refuses it; the router only reports it");
    }

    @Test
    void pathsMatchWholeSegmentsOnly() {
        assertTrue(ROUTER.match("/projects/p/tasks").isEmpty());
        assertTrue(ROUTER.match("/projects/p/tasks/1/more").isEmpty());
        assertTrue(ROUTER.match("/projects//tasks/1").isEmpty(), "a variable is never empty");
        assertEquals(Optional.of(Map.of("kind", "environments")),
                ROUTER.match("/admin/environments/").map(ConsoleRouter.Match::variables),
                "a trailing slash is ignored");
        assertEquals(Map.of(), ROUTER.match("/").orElseThrow().variables());
    }

    @Test
    void routesThatCannotWorkAreRefusedAtStart() {
        assertThrows(IllegalStateException.class,
                () -> ConsoleRouter.of(Map.of(Pages.class, new Pages(), Clash.class, new Clash())));
        assertThrows(IllegalStateException.class,
                () -> ConsoleRouter.of(Map.of(NoProjectInPath.class, new NoProjectInPath())));
        assertThrows(IllegalStateException.class, () -> ConsoleRouter.of(Map.of(Hidden.class, new Hidden())));
        assertThrows(IllegalArgumentException.class, () -> PathTemplate.parse("/a/{b}{c}"));
        assertThrows(IllegalArgumentException.class, () -> PathTemplate.parse("/a/{b}/{b}"));
        assertThrows(IllegalArgumentException.class, () -> PathTemplate.parse("relative"));
    }
}
