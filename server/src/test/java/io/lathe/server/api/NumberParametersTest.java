package io.lathe.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lathe.server.platform.DomainException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import java.lang.annotation.Annotation;
import org.junit.jupiter.api.Test;

class NumberParametersTest {

    private final NumberParameters provider = new NumberParameters();

    @SuppressWarnings("unused")
    private void resource(@QueryParam("limit") @DefaultValue("100") int limit, @HeaderParam("Last-Event-ID") Long id) {
    }

    private static Annotation[] annotationsOf(int parameter) throws NoSuchMethodException {
        return NumberParametersTest.class.getDeclaredMethod("resource", int.class, Long.class)
                .getParameterAnnotations()[parameter];
    }

    @Test
    void wholeNumbersAreRead() throws Exception {
        assertEquals(42, provider.getConverter(int.class, int.class, annotationsOf(0)).fromString("42"));
        assertEquals(-7L, provider.getConverter(Long.class, Long.class, annotationsOf(1)).fromString(" -7 "));
        assertNull(provider.getConverter(String.class, String.class, annotationsOf(0)));
    }

    @Test
    void textThatIsNotAWholeNumberIsA400NamingTheParameter() throws Exception {
        ParamConverter<Integer> limit = provider.getConverter(int.class, int.class, annotationsOf(0));
        for (String text : new String[] {"abc", "1.5", "", "99999999999", "1e3", "0x10", "\u0000"}) {
            DomainException refused = assertThrows(DomainException.class, () -> limit.fromString(text), text);
            assertEquals(DomainException.Kind.INVALID, refused.kind());
            assertEquals("limit", refused.field());
            assertEquals("invalid-number", refused.code());
        }
        DomainException header = assertThrows(DomainException.class,
                () -> provider.getConverter(long.class, long.class, annotationsOf(1)).fromString("zz"));
        assertEquals("Last-Event-ID", header.field());
    }
}
