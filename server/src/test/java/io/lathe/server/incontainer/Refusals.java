package io.lathe.server.incontainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lathe.server.platform.DomainException;
import org.junit.jupiter.api.function.Executable;

/** Asserts that a service refuses what it is asked, in the domain's terms. */
final class Refusals {

    private Refusals() {
    }

    /** Asserts {@code call} throws a {@link DomainException} of this kind and code, naming {@code field} (or none). */
    static DomainException assertRefused(DomainException.Kind kind, String code, String field, Executable call) {
        DomainException refusal = assertThrows(DomainException.class, call);
        assertEquals(kind, refusal.kind(), refusal.getMessage());
        assertEquals(code, refusal.code(), refusal.getMessage());
        assertEquals(field, refusal.field(), refusal.getMessage());
        return refusal;
    }
}
