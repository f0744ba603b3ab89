package io.lathe.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiFailureGuardTest {

    private final Map<String, Object> sent = new HashMap<>();
    private final StringWriter body = new StringWriter();

    @Test
    void anErrorPageTheContainerWouldSendIsTheJsonErrorInstead() throws Exception {
        new ApiFailureGuard().doFilter(request(), response(), (FilterChain) (request, response) ->
                ((HttpServletResponse) response).sendError(500));

        assertEquals(500, sent.get("status"));
        assertEquals("application/json", sent.get("contentType"));
        assertEquals(ApiFailureGuard.BODY, body.toString());
    }

    @Test
    void anErrorThatEscapedJaxRsIsTheJson500() throws Exception {
        new ApiFailureGuard().doFilter(request(), response(), (FilterChain) (request, response) -> {
            throw new StackOverflowError();
        });

        assertEquals(500, sent.get("status"));
        assertEquals(ApiFailureGuard.BODY, body.toString());
    }

    @Test
    void aRefusalKeepsItsStatusInTheJsonShape() throws Exception {
        new ApiFailureGuard().doFilter(request(), response(), (FilterChain) (request, response) ->
                ((HttpServletResponse) response).sendError(405, "Method Not Allowed"));

        assertEquals(405, sent.get("status"));
        assertTrue(body.toString().startsWith("{\"error\":\"http-405\",\"message\":"), body.toString());
    }

    @Test
    void aPathUnderApiThatIsNotTheApiIsAJsonNotFoundWithoutReachingTheContainer() throws Exception {
        new ApiFailureGuard().doFilter(request("/api/v1/admin/users/..%2Fx"), response(),
                (FilterChain) (request, response) -> {
                    throw new AssertionError("the container's default servlet must not answer");
                });

        assertEquals(404, sent.get("status"));
        assertEquals(ApiFailureGuard.NOT_FOUND, body.toString());
    }

    /** A request the API serves: its servlet path is the API's. */
    private static HttpServletRequest request() {
        return request(ApiApplication.PATH);
    }

    private static HttpServletRequest request(String servletPath) {
        return (HttpServletRequest) Proxy.newProxyInstance(ApiFailureGuardTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class},
                (proxy, method, args) -> method.getName().equals("getServletPath") ? servletPath : null);
    }

    private HttpServletResponse response() {
        return (HttpServletResponse) Proxy.newProxyInstance(ApiFailureGuardTest.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "isCommitted" -> false;
                    case "setStatus" -> sent.put("status", args[0]);
                    case "setContentType" -> sent.put("contentType", args[0]);
                    case "getWriter" -> new PrintWriter(body, true);
                    default -> null;
                });
    }
}
