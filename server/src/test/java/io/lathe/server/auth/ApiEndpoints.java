package io.lathe.server.auth;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Every endpoint the API declares, found by reading the server's resource classes, for tests that must see all. */
public final class ApiEndpoints {

    /** One endpoint: HTTP method, path template under {@code /api/v1}, and the Java method serving it. */
    public record Endpoint(String httpMethod, String path, Method method) {
        public String key() {
            return httpMethod + " " + path;
        }
    }

    private ApiEndpoints() {
    }

    public static List<Endpoint> all() {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Class<?> type : resourceClasses()) {
            String base = type.getAnnotation(Path.class).value();
            // Resource methods may be declared by an abstract superclass that several resources share.
            List<Method> methods = new ArrayList<>();
            for (Class<?> declaring = type; declaring != Object.class; declaring = declaring.getSuperclass()) {
                methods.addAll(List.of(declaring.getDeclaredMethods()));
            }
            for (Method method : methods) {
                String httpMethod = httpMethod(method);
                if (httpMethod == null) {
                    continue;
                }
                Path sub = method.getAnnotation(Path.class);
                endpoints.add(new Endpoint(httpMethod, join(base, sub == null ? "" : sub.value()), method));
            }
        }
        return endpoints;
    }

    private static String join(String base, String sub) {
        String path = "/api/v1/" + trim(base) + (sub.isEmpty() ? "" : "/" + trim(sub));
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static String trim(String part) {
        String trimmed = part.startsWith("/") ? part.substring(1) : part;
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    private static String httpMethod(Method method) {
        for (var annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    private static List<Class<?>> resourceClasses() {
        try {
            java.nio.file.Path root = java.nio.file.Path.of(ApiEndpoints.class.getResource("/io/lathe/server").toURI())
                    .getParent().getParent().getParent();
            java.nio.file.Path main = root.resolveSibling("classes");
            try (Stream<java.nio.file.Path> files = Files.walk(main.resolve("io/lathe/server"))) {
                List<Class<?>> types = new ArrayList<>();
                for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    String name = main.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                    Class<?> type = Class.forName(name, false, ApiEndpoints.class.getClassLoader());
                    if (type.isAnnotationPresent(Path.class)) {
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
