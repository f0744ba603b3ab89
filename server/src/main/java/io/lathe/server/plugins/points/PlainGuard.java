package io.lathe.server.plugins.points;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Objects;

/** {@link Guard#everyCall}: a proxy of the instance type whose every method is a plain guarded call. */
final class PlainGuard<I extends AutoCloseable> implements Guard<I> {

    private final Class<I> type;

    PlainGuard(Class<I> type) {
        if (!type.isInterface()) {
            throw new IllegalArgumentException("only an interface can be guarded this way, not " + type);
        }
        this.type = type;
    }

    @Override
    public I guard(I instance, GuardedCalls calls) {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(calls, "calls");
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "guarded " + calls.target().describe();
                };
            }
            if (method.getName().equals("close") && method.getParameterCount() == 0) {
                calls.close(instance);
                return null;
            }
            boolean answers = method.getReturnType() != void.class;
            return calls.call(method.getName(), () -> invoke(method, instance, args),
                    answer -> answers && answer == null ? "null instead of an answer" : null);
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    /** Calls the plugin's method; what it throws is thrown as it is, not wrapped by reflection. */
    private static Object invoke(Method method, Object instance, Object[] args) throws Exception {
        try {
            return method.invoke(instance, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception thrown) {
                throw thrown;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
