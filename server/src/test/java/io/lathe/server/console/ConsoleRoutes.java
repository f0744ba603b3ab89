package io.lathe.server.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Every route the console declares, found by reading the server's page classes, for tests that must see all. */
public final class ConsoleRoutes {

    /** One route: HTTP method, path template, and the page method answering it. */
    public record Route(String httpMethod, String path, Method method) {
        public String key() {
            return httpMethod + " " + path;
        }
    }

    private ConsoleRoutes() {
    }

    public static List<Route> all() {
        List<Route> routes = new ArrayList<>();
        for (Class<?> type : pageClasses()) {
            for (Method method : type.getDeclaredMethods()) {
                Get get = method.getAnnotation(Get.class);
                Post post = method.getAnnotation(Post.class);
                if (get != null) {
                    routes.add(new Route("GET", get.value(), method));
                }
                if (post != null) {
                    routes.add(new Route("POST", post.value(), method));
                }
            }
        }
        return routes;
    }

    /** The classes of the server that hold console pages. */
    public static List<Class<?>> pageClasses() {
        try {
            Path main = Path.of(ConsoleRoutes.class.getResource("/io/lathe/server").toURI()).getParent().getParent()
                    .getParent().resolveSibling("classes");
            try (Stream<Path> files = Files.walk(main.resolve("io/lathe/server"))) {
                List<Class<?>> types = new ArrayList<>();
                for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    String name = main.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                    Class<?> type = Class.forName(name, false, ConsoleRoutes.class.getClassLoader());
                    if (ConsolePage.class.isAssignableFrom(type) && !type.isInterface()) {
                        types.add(type);
                    }
                }
                return types;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException | ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
