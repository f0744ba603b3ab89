package io.lathe.server.api;

import io.lathe.server.platform.DomainException;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.function.Function;

/**
 * Reads whole-number parameters ({@code ?limit=}, {@code ?offset=}, headers) for resources, so that text that is not
 * one is a 400 naming the parameter. Left to JAX-RS, a bad query parameter is a 404, as if the path did not exist.
 */
@Provider
public class NumberParameters implements ParamConverterProvider {

    private static final int SHOWN_LENGTH = 40;

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        if (rawType == int.class || rawType == Integer.class) {
            return (ParamConverter<T>) new WholeNumber<>(name(annotations), Integer.MIN_VALUE, Integer.MAX_VALUE,
                    Integer::valueOf);
        }
        if (rawType == long.class || rawType == Long.class) {
            return (ParamConverter<T>) new WholeNumber<>(name(annotations), Long.MIN_VALUE, Long.MAX_VALUE,
                    Long::valueOf);
        }
        return null;
    }

    /** The parameter's name as the caller writes it, from its JAX-RS annotation. */
    static String name(Annotation[] annotations) {
        for (Annotation annotation : annotations == null ? new Annotation[0] : annotations) {
            if (annotation instanceof QueryParam query) {
                return query.value();
            } else if (annotation instanceof PathParam path) {
                return path.value();
            } else if (annotation instanceof HeaderParam header) {
                return header.value();
            } else if (annotation instanceof FormParam form) {
                return form.value();
            } else if (annotation instanceof MatrixParam matrix) {
                return matrix.value();
            } else if (annotation instanceof CookieParam cookie) {
                return cookie.value();
            }
        }
        return "parameter";
    }

    private record WholeNumber<T>(String name, long min, long max, Function<String, T> parse)
            implements ParamConverter<T> {

        @Override
        public T fromString(String value) {
            if (value == null) {
                return null;
            }
            try {
                return parse.apply(value.strip());
            } catch (NumberFormatException e) {
                String shown = value.length() <= SHOWN_LENGTH ? value : value.substring(0, SHOWN_LENGTH) + "...";
                throw DomainException.invalid("invalid-number", name + " must be a whole number from " + min + " to "
                        + max + ", not '" + shown + "'", name);
            }
        }

        @Override
        public String toString(T value) {
            return String.valueOf(value);
        }
    }
}
